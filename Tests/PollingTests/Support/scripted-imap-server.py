#!/usr/bin/env python3
"""A scripted IMAPS server for faults a real server cannot be made to produce on demand.

    scripted-imap-server.py DIR MESSAGE_FILE [--fault unsolicited-fetch|cut-esearch]

- unsolicited-fetch (the default; issue #4): one folder INBOX (UIDVALIDITY 7) holding one message with UID 1. The
  first `UID FETCH 1 BODY[]` (or `BODY.PEEK[]`) gets `* 1 FETCH (FLAGS (\\Seen))` before the literal; later ones are
  answered plainly.
- cut-esearch (issue #9, §12): INBOX holds UIDs 1 to 5 (MESSAGE_FILE with Message-ID <uid-N@scripted.example>) and
  offers ESEARCH. The first `UID SEARCH RETURN (ALL COUNT)` is answered as libcurl passes on a line whose middle it
  cut: `ALL 1:2,5 COUNT 5` (COUNT disagrees with ALL); later ones whole.

Through tls_test_server.py: a self-signed certificate for 127.0.0.1 (DIR/cert.pem, also the CA to trust), the port in
DIR/port once it listens, every command line appended to DIR/commands, a stop when DIR/stop exists.
"""
import re
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ beside the test sources
from tls_test_server import log, run  # noqa: E402

directory, message_file = sys.argv[1], sys.argv[2]
fault = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--fault" else "unsolicited-fetch"
with open(message_file, "rb") as f:
    message = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
count = 5 if fault == "cut-esearch" else 1
capabilities = b"IMAP4rev1 UIDPLUS ESEARCH" if fault == "cut-esearch" else b"IMAP4rev1 UIDPLUS"


def body(uid):
    if fault != "cut-esearch":
        return message
    return re.sub(rb"(?im)^Message-ID:[^\r]*", b"Message-ID: <uid-%d@scripted.example>" % uid, message, count=1)


fetches = {"count": 0}
searches = {"count": 0}
lock = threading.Lock()


def serve(conn):
    reader = conn.makefile("rb")
    send = conn.sendall
    send(b"* OK scripted IMAP server ready\r\n")
    while True:
        line = reader.readline()
        if not line:
            return
        text = line.decode("latin-1").rstrip("\r\n")
        log(directory, text)
        tag, _, rest = text.partition(" ")
        command = rest.upper()
        if command.startswith("CAPABILITY"):
            send(b"* CAPABILITY " + capabilities + b"\r\n" + tag.encode() + b" OK done\r\n")
        elif command.startswith("LOGIN"):
            send(tag.encode() + b" OK logged in\r\n")
        elif command.startswith("STATUS"):
            send(b'* STATUS "INBOX" (UIDVALIDITY 7 UIDNEXT %d MESSAGES %d)\r\n' % (count + 1, count)
                 + tag.encode() + b" OK done\r\n")
        elif command.startswith("SELECT") or command.startswith("EXAMINE"):
            send(b"* FLAGS (\\Seen \\Deleted)\r\n* %d EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n"
                 b"* OK [UIDNEXT %d] ok\r\n" % (count, count + 1) + tag.encode() + b" OK [READ-WRITE] selected\r\n")
        elif command.startswith("UID SEARCH RETURN (ALL COUNT)"):
            with lock:
                searches["count"] += 1
                first = searches["count"] == 1
            found = b"ALL 1:2,5 COUNT 5" if first else b"ALL 1:%d COUNT %d" % (count, count)
            send(b'* ESEARCH (TAG "%s") UID %s\r\n' % (tag.encode(), found) + tag.encode() + b" OK done\r\n")
        elif command.startswith("UID SEARCH RETURN (MIN)"):
            send(b'* ESEARCH (TAG "%s") UID\r\n' % tag.encode() + tag.encode() + b" OK done\r\n")
        elif command.startswith("UID SEARCH"):
            send(b"* SEARCH 1\r\n" + tag.encode() + b" OK done\r\n")
        elif re.match(r"U?I?D? ?FETCH \d+ BODY(\.PEEK)?\[\]", command):
            uid = int(re.search(r"FETCH (\d+)", command).group(1))
            with lock:
                fetches["count"] += 1
                first = fetches["count"] == 1
            reply = b""
            if first and fault == "unsolicited-fetch":
                reply += b"* 1 FETCH (FLAGS (\\Seen))\r\n"
            data = body(uid)
            reply += b"* %d FETCH (UID %d BODY[] {%d}\r\n" % (uid, uid, len(data)) + data + b")\r\n"
            send(reply + tag.encode() + b" OK done\r\n")
        elif command.startswith("UID FETCH"):
            send(b"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n" + tag.encode() + b" OK done\r\n")
        elif command.startswith("LOGOUT"):
            send(b"* BYE bye\r\n" + tag.encode() + b" OK done\r\n")
            return
        else:  # NOOP, UID STORE, ...
            send(tag.encode() + b" OK done\r\n")


run(directory, serve)
