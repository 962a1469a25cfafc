"""What the scripted and hostile IMAPS test servers share: a self-signed certificate for 127.0.0.1 (DIR/cert.pem,
also the CA to trust), a listener on 127.0.0.1 whose port is written to DIR/port once it accepts connections, one
thread a connection, every command line appended to DIR/commands, and a stop when DIR/stop exists."""
import os
import socket
import ssl
import subprocess
import threading

_lock = threading.Lock()


def log(directory, line):
    """Appends one command line to DIR/commands (connections run on threads of their own)."""
    with _lock, open(os.path.join(directory, "commands"), "a") as f:
        f.write(line + "\n")


def run(directory, serve):
    """Serves every connection with `serve(conn)` over TLS until DIR/stop exists."""
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
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
