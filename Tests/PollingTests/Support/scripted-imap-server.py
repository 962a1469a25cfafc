#!/usr/bin/env python3
"""A scripted IMAPS server for one fault a real server cannot be made to produce on demand: an unsolicited
FETCH response (a flag update) arriving before the literal of the message being fetched (issue #4).

    scripted-imap-server.py DIR MESSAGE_FILE

Makes a self-signed certificate for 127.0.0.1 (DIR/cert.pem, also the CA to trust), listens on 127.0.0.1 (port
written to DIR/port once it accepts connections), and serves one folder INBOX (UIDVALIDITY 7) holding one message
with UID 1. The first `UID FETCH 1 BODY[]` (or `BODY.PEEK[]`) gets `* 1 FETCH (FLAGS (\\Seen))` before the literal;
later ones are answered plainly. Every command line received is appended to DIR/commands. Stops when DIR/stop exists.
"""
import os
import socket
import ssl
import subprocess
import sys
import threading

directory, message_file = sys.argv[1], sys.argv[2]
with open(message_file, "rb") as f:
    message = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key, "-out", cert], check=True, capture_output=True)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
fetches = {"count": 0}
lock = threading.Lock()


def log(line):
    with lock, open(os.path.join(directory, "commands"), "a") as f:
        f.write(line + "\n")


def serve(conn):
    reader = conn.makefile("rb")
    send = conn.sendall
    send(b"* OK scripted IMAP server ready\r\n")
    while True:
        line = reader.readline()
        if not line:
            return
        text = line.decode("latin-1").rstrip("\r\n")
        log(text)
        tag, _, rest = text.partition(" ")
        command = rest.upper()
        if command.startswith("CAPABILITY"):
            send(b"* CAPABILITY IMAP4rev1 UIDPLUS\r\n" + tag.encode() + b" OK done\r\n")
        elif command.startswith("LOGIN"):
            send(tag.encode() + b" OK logged in\r\n")
        elif command.startswith("STATUS"):
            send(b'* STATUS "INBOX" (UIDVALIDITY 7 UIDNEXT 2 MESSAGES 1)\r\n' + tag.encode() + b" OK done\r\n")
        elif command.startswith("SELECT") or command.startswith("EXAMINE"):
            send(b"* FLAGS (\\Seen \\Deleted)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n"
                 b"* OK [UIDNEXT 2] ok\r\n" + tag.encode() + b" OK [READ-WRITE] selected\r\n")
        elif command.startswith("UID SEARCH"):
            send(b"* SEARCH 1\r\n" + tag.encode() + b" OK done\r\n")
        elif any(command.startswith(c) for c in ("UID FETCH 1 BODY[]", "FETCH 1 BODY[]", "UID FETCH 1 BODY.PEEK[]")):
            with lock:
                fetches["count"] += 1
                first = fetches["count"] == 1
            reply = b""
            if first:
                reply += b"* 1 FETCH (FLAGS (\\Seen))\r\n"
            reply += b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % len(message) + message + b")\r\n"
            send(reply + tag.encode() + b" OK done\r\n")
        elif command.startswith("UID FETCH"):
            send(b"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n" + tag.encode() + b" OK done\r\n")
        elif command.startswith("LOGOUT"):
            send(b"* BYE bye\r\n" + tag.encode() + b" OK done\r\n")
            return
        else:  # NOOP, UID STORE, ...
            send(tag.encode() + b" OK done\r\n")


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
