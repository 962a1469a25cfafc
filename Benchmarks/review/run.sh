#!/usr/bin/env bash
# The review console benchmark (issue 10, Benchmarks/review/README.md): a database of 100,000 activities and 20,000
# open review entries (generate.py's mail replayed by the release binary into a database with its address book),
# `crmservice run` on it, and the median and p95 of console routes beside /healthz (the same server with no database
# work: the reference), then one POST /review/assign of 500 entries. Targets (issue 10): median under 100 ms, 500
# assigns under 2 s.
#
# Usage: Benchmarks/review/run.sh [ROUTE...]   (default: /review '/review?q={q}' /review/{entry}; {entry} is an open
#        entry, {account} the busiest account, {q} a word of the subjects, e.g. add '/accounts/{account}')
#        ACTIVITIES=N OPEN=N change the database; ROUNDS=N requests per route (default 50); SKIP_BUILD=1 reuses
#        .build/release; CRMSERVICE=/path/to/crmservice times that binary; KEEP=1 keeps the work directory (with
#        fresh.sqlite, the database before the assign); REUSE_DB=PATH starts from a copy of such a database.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
WORK="$(mktemp -d /tmp/review-bench.XXXXXX)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [ -n "${CRMSERVICE:-}" ]; then
    BIN=$CRMSERVICE
else
    [ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
    BIN="$(swift build -c release --show-bin-path)/crmservice"
fi
routes=("$@")
((${#routes[@]})) || routes=(/review '/review?q={q}' '/review/{entry}')

db="$WORK/crm.sqlite"
if [ -n "${REUSE_DB:-}" ]; then
    # A database an earlier run kept (KEEP=1), copied so that the timed assign does not change it.
    cp "$REUSE_DB" "$db"
else
    /usr/bin/python3 Benchmarks/review/generate.py "$WORK/world" --activities "${ACTIVITIES:-100000}" --open "${OPEN:-20000}"
    for kind in accounts users contacts; do "$BIN" import "$kind" "$WORK/world/$kind.csv" --db "$db" >/dev/null; done
    start=$(date +%s.%N)
    "$BIN" replay "$WORK/world/all.mbox" --db "$db" --mailbox-name corporate | tail -n 4
    echo "replay: $(echo "$(date +%s.%N) - $start" | bc) s"
    [ "${KEEP:-0}" = 1 ] && cp "$db" "$WORK/fresh.sqlite"
fi

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
( umask 077; head -c 24 /dev/urandom | base64 > "$WORK/admin.password" )
cat > "$WORK/crmservice.yaml" <<YAML
database:
  path: crm.sqlite
admin:
  host: 127.0.0.1
  port: $port
  password_file: admin.password
YAML
"$BIN" run --config "$WORK/crmservice.yaml" >"$WORK/run.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$WORK/run.log" >&2; exit 1; }
    sleep 0.2
done
echo "review console benchmark: crmservice run (release) on 127.0.0.1:$port, $(nproc) CPUs, ${ROUNDS:-50} requests a route"
/usr/bin/python3 Benchmarks/review/time_routes.py "$port" "$db" "${ROUNDS:-50}" "${routes[@]}"
