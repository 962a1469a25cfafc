#!/usr/bin/env python3
"""A hostile IMAPS server for §12 (answers that must not make the client allocate without bound), faults a real
server cannot be made to produce:

    hostile-imap-server.py DIR MODE

MODE `huge-set`: offers ESEARCH and answers every UID SEARCH with `UID ALL 1:4294967295` (STATUS says 1 message).
MODE `huge-literal`: one message (UID 1) whose RFC822.SIZE is said to be 500, but whose BODY[] literal announces
99,999,999,999 bytes and then streams bytes until the client hangs up; BODY[HEADER] is a small header (the
BODY.PEEK forms get the same answers).
MODE `huge-header`: as `huge-literal`, and the BODY[HEADER] literal announces 99,999,999,999 bytes as well.

Makes a self-signed certificate for 127.0.0.1 (DIR/cert.pem, also the CA to trust), writes the port to DIR/port once
it listens, appends every command line to DIR/commands, stops when DIR/stop exists.
"""
import os
import socket
import ssl
import subprocess
import sys
import threading

directory, mode = sys.argv[1], sys.argv[2]
header = (b"From: Mallory <mallory@hostile.example>\r\nTo: alice@acme.example\r\nSubject: endless\r\n"
          b"Message-ID: <endless@hostile.example>\r\n\r\n")
cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key, "-out", cert], check=True, capture_output=True)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
lock = threading.Lock()


def log(line):
    with lock, open(os.path.join(directory, "commands"), "a") as f:
        f.write(line + "\n")


def serve(conn):
    reader = conn.makefile("rb")
    send = conn.sendall
    send(b"* OK hostile IMAP server ready\r\n")
    while True:
        line = reader.readline()
        if not line:
            return
        text = line.decode("latin-1").rstrip("\r\n")
        log(text)
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


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(8)
listener.settimeout(0.2)
with open(os.path.join(directory, "port.tmp"), "w") as f:
    f.write(str(listener.getsockname()[1]))
os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
while not os.path.exists(os.path.join(directory, "stop")):
    try:
        raw, _ = listener.accept()
    except socket.timeout:
        continue
    raw.settimeout(10)

    def handle(raw=raw):
        try:
            with context.wrap_socket(raw, server_side=True) as conn:
                serve(conn)
        except (OSError, ssl.SSLError):
            pass

    threading.Thread(target=handle, daemon=True).start()
