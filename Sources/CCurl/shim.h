#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

// Typed wrappers for the variadic curl_easy_setopt / curl_easy_getinfo, which Swift cannot call. One per argument
// type libcurl documents for the option (long, char*, void*, curl_off_t, callbacks, curl_slist*).

typedef size_t (*crm_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode crm_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode crm_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode crm_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode crm_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
static inline CURLcode crm_curl_setopt_data_callback(CURL *handle, CURLoption option, crm_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode crm_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode crm_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode crm_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// CURLINFO_ACTIVESOCKET: the socket of a CONNECT_ONLY connection, to poll(2) on.
static inline CURLcode crm_curl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
