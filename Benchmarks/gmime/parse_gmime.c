/*
 * parse_gmime: the GMime 3 reference of the parse benchmark (issue #2). Built by scripts/bench:
 *
 *     cc -O2 -o .build-bench/parse_gmime Benchmarks/gmime/parse_gmime.c $(pkg-config --cflags --libs gmime-3.0)
 *     parse_gmime [--rounds N] [--sizes-only] (--list FILE | MESSAGE.eml...)
 *
 * Reads every file into memory first, then once per round parses each from a memory stream and touches what
 * Benchmarks/ParseBenchmark touches: Message-ID, Date, From/To/Cc (address lists, groups expanded), Subject,
 * the body text (the first inline text/plain part, else the first inline text/html part, converted to UTF-8 with
 * g_mime_text_part_get_text), and every other leaf part as an attachment: its file name and its content decoded
 * (transfer encoding removed) into memory (--sizes-only: into a counting null stream) to get its decoded size.
 * Embedded messages (message/rfc822) count as attachments, not descended, as in Python's iter_attachments().
 * The last line is a RESULT line that scripts/bench reads.
 */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    long messages, addresses, dated, attachments;
    long long header_bytes, text_bytes, attachment_bytes;
} Tally;

typedef struct {
    GMimeObject *plain, *html;
    GPtrArray *attachments;
} Walk;

static gboolean sizes_only = FALSE;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void touch_addresses(InternetAddressList *list, Tally *t)
{
    if (list == NULL)
        return;
    int n = internet_address_list_length(list);
    for (int i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            touch_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), t);
            continue;
        }
        const char *name = internet_address_get_name(ia);
        const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
        t->addresses++;
        t->header_bytes += (name ? strlen(name) : 0) + (addr ? strlen(addr) : 0);
    }
}

static gboolean is_attachment_disposition(GMimeObject *part)
{
    GMimeContentDisposition *d = g_mime_object_get_content_disposition(part);
    return d != NULL && g_mime_content_disposition_is_attachment(d);
}

static void collect(GMimeObject *parent, GMimeObject *part, gpointer data)
{
    Walk *w = data;
    (void)parent;
    if (GMIME_IS_MULTIPART(part))
        return; /* its children are visited by g_mime_message_foreach */
    if (GMIME_IS_TEXT_PART(part) && !is_attachment_disposition(part)) {
        GMimeContentType *ct = g_mime_object_get_content_type(part);
        if (w->plain == NULL && g_mime_content_type_is_type(ct, "text", "plain")) {
            w->plain = part;
            return;
        }
        if (w->html == NULL && g_mime_content_type_is_type(ct, "text", "html")) {
            w->html = part;
            return;
        }
    }
    g_ptr_array_add(w->attachments, part);
}

static void touch_attachment(GMimeObject *part, Tally *t)
{
    t->attachments++;
    if (GMIME_IS_MESSAGE_PART(part)) {
        const char *name = g_mime_object_get_content_disposition_parameter(part, "filename");
        t->header_bytes += name ? strlen(name) : 0;
        return;
    }
    if (!GMIME_IS_PART(part))
        return;
    const char *name = g_mime_part_get_filename(GMIME_PART(part));
    t->header_bytes += name ? strlen(name) : 0;
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (content == NULL)
        return;
    GMimeStream *out = sizes_only ? g_mime_stream_null_new() : g_mime_stream_mem_new();
    ssize_t n = g_mime_data_wrapper_write_to_stream(content, out);
    if (n > 0)
        t->attachment_bytes += n;
    g_object_unref(out);
}

static void parse_one(GByteArray *bytes, Tally *t)
{
    GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(bytes);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
    t->messages++;
    if (message != NULL) {
        const char *id = g_mime_message_get_message_id(message);
        t->header_bytes += id ? strlen(id) : 0;
        GDateTime *date = g_mime_message_get_date(message);
        if (date != NULL && g_date_time_to_unix(date) != 0)
            t->dated++;
        touch_addresses(g_mime_message_get_from(message), t);
        touch_addresses(g_mime_message_get_to(message), t);
        touch_addresses(g_mime_message_get_cc(message), t);
        const char *subject = g_mime_message_get_subject(message);
        t->header_bytes += subject ? strlen(subject) : 0;

        Walk w = { NULL, NULL, g_ptr_array_new() };
        g_mime_message_foreach(message, collect, &w); /* the top-level part first, then every descendant */
        GMimeObject *body = w.plain ? w.plain : w.html;
        if (body != NULL) {
            char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(body));
            t->text_bytes += text ? strlen(text) : 0;
            g_free(text);
        }
        for (guint i = 0; i < w.attachments->len; i++)
            touch_attachment(g_ptr_array_index(w.attachments, i), t);
        g_ptr_array_free(w.attachments, TRUE);
        g_object_unref(message);
    }
    g_object_unref(parser);
    g_object_unref(stream);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void usage(const char *problem)
{
    if (problem)
        fprintf(stderr, "parse_gmime: %s\n", problem);
    printf("usage: parse_gmime [--rounds N] [--sizes-only] (--list FILE | MESSAGE.eml...)\n");
    exit(problem ? 2 : 0);
}

int main(int argc, char **argv)
{
    int rounds = 5;
    GPtrArray *files = g_ptr_array_new();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds = atoi(argv[++i]);
            if (rounds <= 0)
                usage("--rounds needs a positive number");
        } else if (strcmp(argv[i], "--sizes-only") == 0) {
            sizes_only = TRUE;
        } else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) {
            char *text;
            if (!g_file_get_contents(argv[++i], &text, NULL, NULL))
                usage("cannot read the list");
            char **lines = g_strsplit(text, "\n", -1);
            for (char **l = lines; *l; l++)
                if (**l)
                    g_ptr_array_add(files, g_strdup(*l));
            g_strfreev(lines);
            g_free(text);
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(NULL);
        } else if (strncmp(argv[i], "--", 2) == 0) {
            usage("unknown option");
        } else {
            g_ptr_array_add(files, g_strdup(argv[i]));
        }
    }
    if (files->len == 0)
        usage("no messages given");

    g_mime_init();

    GByteArray **messages = g_new(GByteArray *, files->len);
    long long total = 0;
    for (guint i = 0; i < files->len; i++) {
        gchar *data;
        gsize len;
        GError *error = NULL;
        if (!g_file_get_contents(g_ptr_array_index(files, i), &data, &len, &error)) {
            fprintf(stderr, "parse_gmime: %s\n", error->message);
            return 2;
        }
        messages[i] = g_byte_array_new_take((guint8 *)data, len);
        total += len;
    }

    double *times = g_new(double, rounds);
    Tally tally = { 0 };
    for (int r = 0; r < rounds; r++) {
        Tally round = { 0 };
        double start = now();
        for (guint i = 0; i < files->len; i++)
            parse_one(messages[i], &round);
        times[r] = now() - start;
        tally = round;
    }
    qsort(times, rounds, sizeof(double), compare_double);
    double best = times[0];
    double median = rounds % 2 ? times[rounds / 2] : (times[rounds / 2 - 1] + times[rounds / 2]) / 2;
    double mb = total / 1e6;
    printf("GMime %d.%d.%d: %u messages, %.1f MB, %d rounds: best %.3fs (%.0f msgs/s, %.1f MB/s), median %.3fs\n",
           gmime_major_version, gmime_minor_version, gmime_micro_version, files->len, mb, rounds, best,
           files->len / best, mb / best, median);
    printf("RESULT engine=GMime messages=%u bytes=%lld rounds=%d best=%.6f median=%.6f addresses=%ld dated=%ld "
           "text_bytes=%lld attachments=%ld attachment_bytes=%lld header_bytes=%lld\n",
           files->len, total, rounds, best, median, tally.addresses, tally.dated, tally.text_bytes,
           tally.attachments, tally.attachment_bytes, tally.header_bytes);

    for (guint i = 0; i < files->len; i++)
        g_byte_array_unref(messages[i]);
    g_free(messages);
    g_free(times);
    g_ptr_array_free(files, TRUE);
    g_mime_shutdown();
    return 0;
}
