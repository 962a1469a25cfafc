#!/usr/bin/env python3
"""parse_email: the Python `email` reference of the parse benchmark (issue #2). Standard library only.

    python3 Benchmarks/python/parse_email.py [--rounds N] (--list FILE | MESSAGE.eml...)

Reads every file into memory first, then once per round parses each with
`email.message_from_bytes(b, policy=email.policy.default)` and touches what Benchmarks/ParseBenchmark touches:
Message-ID, Date, From/To/Cc (parsed addresses), Subject, the body text
(`get_body(preferencelist=('plain', 'html')).get_content()`) and each attachment of `iter_attachments()`: its
`get_filename()` and the size of its decoded `get_content()` (embedded messages and multiparts are counted, not
sized). The last line is a RESULT line that scripts/bench reads.
"""

import argparse
import email
import email.policy
import statistics
import sys
import time


def touch(raw, t):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    t["messages"] += 1
    mid = m["message-id"]
    if mid is not None:
        t["header_bytes"] += len(str(mid).strip().strip("<>").encode())
    date = m["date"]
    if date is not None and getattr(date, "datetime", None) is not None:
        try:
            if date.datetime.timestamp() != 0:
                t["dated"] += 1
        except (OverflowError, ValueError, OSError):
            pass
    for name in ("from", "to", "cc"):
        h = m[name]
        if h is None:
            continue
        for a in getattr(h, "addresses", ()):
            t["addresses"] += 1
            t["header_bytes"] += len(a.display_name.encode()) + len(a.addr_spec.encode())
    subject = m["subject"]
    if subject is not None:
        t["header_bytes"] += len(str(subject).encode())
    body = m.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            t["text_bytes"] += len(body.get_content().encode())
        except (LookupError, ValueError):
            pass
    for part in m.iter_attachments():
        t["attachments"] += 1
        filename = part.get_filename()
        if filename:
            t["header_bytes"] += len(filename.encode())
        if part.get_content_maintype() in ("multipart", "message"):
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            continue
        t["attachment_bytes"] += len(content.encode() if isinstance(content, str) else content)


def main():
    ap = argparse.ArgumentParser(description="Python email parse benchmark")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--list")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = list(args.files)
    if args.list:
        with open(args.list, encoding="utf-8") as f:
            files += [line for line in f.read().split("\n") if line]
    if not files:
        ap.error("no messages given")
    messages = []
    for path in files:
        with open(path, "rb") as f:
            messages.append(f.read())
    total = sum(len(m) for m in messages)

    keys = ("messages", "addresses", "dated", "text_bytes", "attachments", "attachment_bytes", "header_bytes")
    times, tally = [], None
    for _ in range(args.rounds):
        t = dict.fromkeys(keys, 0)
        start = time.perf_counter()
        for raw in messages:
            touch(raw, t)
        times.append(time.perf_counter() - start)
        tally = t
    best, median = min(times), statistics.median(times)
    mb = total / 1e6
    v = sys.version_info
    print("Python %d.%d.%d email: %d messages, %.1f MB, %d rounds: best %.3fs (%.0f msgs/s, %.1f MB/s), median %.3fs"
          % (v.major, v.minor, v.micro, len(messages), mb, args.rounds, best, len(messages) / best, mb / best, median))
    print("RESULT engine=Python-email messages=%d bytes=%d rounds=%d best=%.6f median=%.6f %s"
          % (len(messages), total, args.rounds, best, median,
             " ".join("%s=%d" % (k, tally[k]) for k in keys if k != "messages")))


if __name__ == "__main__":
    main()
