#!/usr/bin/env bash
# IDLE benchmark (issue 13, §11): `crmservice run` on one mailbox polled every INTERVAL seconds (default 300) of a
# throwaway Dovecot; N messages (default 200) delivered one by one at random intervals of 0-500 ms (seeded); the
# latency from each delivery (its file renamed into the Maildir's new/) to its commit (its row in `messages`, watched
# every 10 ms with a read-only connection) — median and p95 — printed beside what interval polling gives on average
# (half the interval). COMPARE=SECONDS adds a run with `idle: false` at that interval, measured the same way.
#
# Usage: Benchmarks/idle/run.sh [N] [INTERVAL]   (BIN=path/to/crmservice; default the release build, else debug)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-200}"
INTERVAL="${2:-300}"
BIN="${BIN:-}"
if [ -z "$BIN" ]; then
  BIN="$(swift build -c release --show-bin-path 2>/dev/null)/crmservice"
  [ -x "$BIN" ] || BIN="$(swift build --show-bin-path)/crmservice"
fi
WORK="$(mktemp -d /tmp/idle-bench.XXXXXX)"
chmod 755 "$WORK"
DOVECOT="$WORK/dovecot"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; scripts/dovecot stop "$DOVECOT" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
scripts/dovecot start "$DOVECOT" >/dev/null
# shellcheck disable=SC1091  # written by scripts/dovecot start
. "$DOVECOT/env"

measure() { # IDLE INTERVAL NAME
  local db="$WORK/$3.sqlite" port
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (umask 077; printf 'bench-admin-password' >"$WORK/admin.password")
  cat >"$WORK/$3.yaml" <<YAML
database:
  path: $db
mailboxes:
  bench:
    url: imaps://127.0.0.1:$IMAPS_PORT/$3
    user: bench
    password_file: $DOVECOT/bench.password
    cacert: $DOVECOT/ca.pem
    interval_seconds: $2
    idle: $1
    after: none
admin:
  port: $port
  password_file: $WORK/admin.password
YAML
  # The folder exists before the service starts (an empty load creates it).
  scripts/dovecot load "$DOVECOT" bench "$3" >/dev/null 2>&1 || mkdir -p "$DOVECOT/mail/bench/.$3"/{cur,new,tmp}
  LOG_LEVEL=warning "$BIN" run --config "$WORK/$3.yaml" 2>"$WORK/$3.log" &
  PID=$!
  sleep 3 # the first poll and the IDLE connection
  /usr/bin/python3 - "$DOVECOT" "$3" "$db" "$N" "$2" "$1" <<'PY'
import os, random, sqlite3, statistics, subprocess, sys, threading, time
dovecot, folder, db, n, interval, idle = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
seed = 13
rng = random.Random(seed)
delivered, committed = {}, {}
done = threading.Event()
def watch():
    while not os.path.exists(db): time.sleep(0.01)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    while not done.is_set():
        try:
            for (mid,) in con.execute("SELECT message_id FROM messages"):
                if mid and mid not in committed: committed[mid] = time.monotonic()
        except sqlite3.OperationalError:
            pass
        time.sleep(0.01)
t = threading.Thread(target=watch); t.start()
tmpdir = os.path.join(os.path.dirname(db), "eml"); os.makedirs(tmpdir, exist_ok=True)
for i in range(n):
    time.sleep(rng.uniform(0, 0.5))
    mid = f"bench{i}@idle.example"
    path = os.path.join(tmpdir, f"{i}.eml")
    with open(path, "w") as f:
        f.write(f"From: someone@elsewhere.example\r\nTo: bench@crm.example\r\nSubject: idle {i}\r\n"
                f"Message-ID: <{mid}>\r\nDate: Fri, 04 Dec 2026 12:00:00 +0000\r\n\r\nHello {i}.\r\n")
    subprocess.run(["scripts/dovecot", "load", dovecot, "bench", folder, path], check=True, capture_output=True)
    delivered[mid] = time.monotonic()
deadline = time.monotonic() + (30 if idle == "true" else interval + 30)
while len([m for m in delivered if m in committed]) < n and time.monotonic() < deadline: time.sleep(0.05)
done.set(); t.join()
lat = sorted(max(0.0, committed[m] - delivered[m]) for m in delivered if m in committed)
if not lat: print(f"RESULT idle={idle} interval={interval}s captured=0/{n}"); sys.exit(0)
p95 = lat[min(len(lat) - 1, int(round(0.95 * len(lat))) - 1)]
print(f"RESULT idle={idle} interval={interval}s seed={seed} captured={len(lat)}/{n} "
      f"median={statistics.median(lat)*1000:.0f}ms p95={p95*1000:.0f}ms max={lat[-1]*1000:.0f}ms "
      f"expected_interval_polling={interval/2:.0f}s")
PY
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "crmservice: $BIN"
measure true "$INTERVAL" idle
if [ -n "${COMPARE:-}" ]; then measure false "$COMPARE" interval; fi
