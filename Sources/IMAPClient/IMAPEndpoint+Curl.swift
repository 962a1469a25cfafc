import CCurl
import CRMCore

extension IMAPEndpoint {
    /// Sets on `handle` what every connection to this endpoint needs, the session's and the peek connection's alike:
    /// TLS verified, STARTTLS required on `imap://` (`CURLUSESSL_ALL`, never `TRY`), IMAP only, the credential, the
    /// timeouts, no signals, TCP keepalive, and `errorBuffer` for libcurl's messages. False when an option was refused.
    func applyConnectionOptions(to handle: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>) -> Bool {
        var ok = true
        func set(_ r: CURLcode) { if r != CURLE_OK { ok = false } }
        set(crm_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(crm_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(crm_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1))
        set(crm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(crm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        set(crm_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "imap,imaps"))
        if scheme == .imap {
            set(crm_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)))
        }
        if let caCertificatePath { set(crm_curl_setopt_string(handle, CURLOPT_CAINFO, caCertificatePath)) }
        set(crm_curl_setopt_string(handle, CURLOPT_USERNAME, user))
        switch credential {
        case .password(let password):
            set(crm_curl_setopt_string(handle, CURLOPT_PASSWORD, password))
        case .oauth2Bearer(let token):
            set(crm_curl_setopt_string(handle, CURLOPT_XOAUTH2_BEARER, token))
            set(crm_curl_setopt_string(handle, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2"))
        }
        set(crm_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)))
        set(crm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1))
        set(crm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(lowSpeedTimeout) / 1000)))
        return ok
    }

    /// `d` in whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    static func milliseconds(_ d: Duration) -> Int {
        max(1, Int((d.timeInterval * 1000).rounded(.down)))
    }
}
