#!/usr/bin/env python3
"""A hostile IMAPS server for §12 (answers that must not make the client allocate without bound), faults a real
server cannot be made to produce:

    hostile-imap-server.py DIR MODE

MODE `huge-set`: offers ESEARCH and answers every UID SEARCH with `UID ALL 1:4294967295` (STATUS says 1 message).
MODE `huge-literal`: one message (UID 1) whose RFC822.SIZE is said to be 500, but whose BODY[] literal announces
99,999,999,999 bytes and then streams bytes until the client hangs up; BODY[HEADER] is a small header (the
BODY.PEEK forms get the same answers).
MODE `huge-header`: as `huge-literal`, and the BODY[HEADER] literal announces 99,999,999,999 bytes as well.

Through tls_test_server.py: a self-signed certificate for 127.0.0.1 (DIR/cert.pem, also the CA to trust), the port in
DIR/port once it listens, every command line appended to DIR/commands, a stop when DIR/stop exists.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the test sources
from tls_test_server import log, run  # noqa: E402

directory, mode = sys.argv[1], sys.argv[2]
header = (b"From: Mallory <mallory@hostile.example>\r\nTo: alice@acme.example\r\nSubject: endless\r\n"
          b"Message-ID: <endless@hostile.example>\r\n\r\n")


def serve(conn):
    reader = conn.makefile("rb")
    send = conn.sendall
    send(b"* OK hostile IMAP server ready\r\n")
    while True:
        line = reader.readline()
        if not line:
            return
        text = line.decode("latin-1").rstrip("\r\n")
        log(directory, text)
        tag, _, rest = text.partition(" ")
        done = tag.encode() + b" OK done\r\n"
        command = rest.upper()
        if command.startswith("CAPABILITY"):
            send(b"* CAPABILITY IMAP4rev1 UIDPLUS ESEARCH\r\n" + done)
        elif command.startswith("LOGIN"):
            send(tag.encode() + b" OK logged in\r\n")
        elif command.startswith("STATUS"):
            send(b'* STATUS "INBOX" (UIDVALIDITY 7 UIDNEXT 2 MESSAGES 1)\r\n' + done)
        elif command.startswith("SELECT") or command.startswith("EXAMINE"):
            send(b"* FLAGS (\\Seen \\Deleted)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n"
                 b"* OK [UIDNEXT 2] ok\r\n" + tag.encode() + b" OK [READ-WRITE] selected\r\n")
        elif command.startswith("UID SEARCH"):
            if mode == "huge-set":
                send(b'* ESEARCH (TAG "' + tag.encode() + b'") UID ALL 1:4294967295 COUNT 4294967295\r\n' + done)
            else:
                send(b'* ESEARCH (TAG "' + tag.encode() + b'") UID ALL 1 COUNT 1\r\n' + done)
        elif "RFC822.SIZE" in command:
            send(b"* 1 FETCH (UID 1 RFC822.SIZE 500)\r\n" + done)
        elif ("BODY[HEADER]" in command or "BODY.PEEK[HEADER]" in command) and mode == "huge-header":
            send(b"* 1 FETCH (UID 1 BODY[HEADER] {99999999999}\r\n" + header)
            chunk = (b"X-Filler: " + b"x" * 66 + b"\r\n") * 800
            while True:  # until the client hangs up
                send(chunk)
        elif "BODY[HEADER]" in command or "BODY.PEEK[HEADER]" in command:
            send(b"* 1 FETCH (UID 1 BODY[HEADER] {%d}\r\n" % len(header) + header + b")\r\n" + done)
        elif "BODY[]" in command or "BODY.PEEK[]" in command:
            send(b"* 1 FETCH (UID 1 BODY[] {99999999999}\r\n" + header)
            chunk = b"x" * 76 + b"\r\n"
            chunk = chunk * 800
            while True:  # until the client hangs up
                send(chunk)
        elif command.startswith("LOGOUT"):
            send(b"* BYE bye\r\n" + done)
            return
        else:  # NOOP, UID STORE, ...
            send(done)


run(directory, serve)
