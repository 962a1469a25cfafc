#!/usr/bin/env bash
# Replay into PostgreSQL beside SQLite (issue 14): generates N messages (default 4000) with scripts/gen-capture-fixtures,
# starts a throwaway PostgreSQL 15 cluster (scripts/postgres: 127.0.0.1, fsync off as in the tests), and times
# `crmservice replay` (release build) of the same .eml directory into a fresh SQLite file and into a fresh PostgreSQL
# database, each a copy of a template holding the world's address book (a file copy; CREATE DATABASE … TEMPLATE),
# rounds interleaved, best and median of ROUNDS (default 5). Both through a configuration file (`--config`), so
# the only difference is `database.path` against `database.url`. Needs root (PostgreSQL runs as nobody).
#
# Usage: Benchmarks/replay-postgres/run.sh [N]   (SKIP_BUILD=1 reuses .build/release; CRMSERVICE=PATH another binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-4000}"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d /tmp/replay-pg-bench.XXXXXX)"
chmod 711 "$WORK"
PG="$WORK/postgres"
cleanup() { scripts/postgres stop "$PG" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

scripts/postgres available || { echo "Benchmarks/replay-postgres: PostgreSQL 15 is not installed (scripts/setup)" >&2; exit 1; }
if [ -n "${CRMSERVICE:-}" ]; then
    BIN=$CRMSERVICE
else
    [ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
    BIN="$(swift build -c release --show-bin-path)/crmservice"
fi

# A build whose commands do not open database.url would write into the default database.path instead.
"$BIN" export --help 2>&1 | grep -q -- --db-password-file ||
    { echo "Benchmarks/replay-postgres: $BIN does not open PostgreSQL from --config yet" >&2; exit 1; }

python3 scripts/gen-capture-fixtures "$WORK/world" --count "$N" --seed 11 >/dev/null
COUNT=$(find "$WORK/world/messages" -type f | wc -l)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SUPER=$(openssl rand -hex 12)
PASS=$(openssl rand -hex 12)
scripts/postgres start "$PG" "$PORT" "$SUPER"
psql() { scripts/postgres psql "$PG" "$PORT" "$SUPER" "$@"; }
psql -v pw="$PASS" <<<"CREATE ROLE crm LOGIN PASSWORD :'pw' CREATEDB; CREATE DATABASE template_crm OWNER crm;"
(umask 077; printf '%s\n' "$PASS" >"$WORK/db.password")

config() { # file, database yaml
    printf '%s\ncapture:\n  capture_addresses: [crm@example.com]\n' "$2" >"$1"
}
config "$WORK/template-sqlite.yaml" "database:
  path: $WORK/template.sqlite"
config "$WORK/template-pg.yaml" "database:
  url: postgres://crm@127.0.0.1:$PORT/template_crm?sslmode=disable
  password_file: $WORK/db.password"
config "$WORK/sqlite.yaml" "database:
  path: $WORK/run.sqlite"
config "$WORK/pg.yaml" "database:
  url: postgres://crm@127.0.0.1:$PORT/run_crm?sslmode=disable
  password_file: $WORK/db.password"
for kind in accounts users contacts orders; do
    "$BIN" import "$kind" "$WORK/world/$kind.csv" --config "$WORK/template-sqlite.yaml" >/dev/null
    "$BIN" import "$kind" "$WORK/world/$kind.csv" --config "$WORK/template-pg.yaml" >/dev/null
done

once() { # label, config
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" replay "$WORK/world/messages" --config "$2" >"$WORK/$1.out"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time" >>"$WORK/$1.times"
}

report() { # label, what
    sort -g "$WORK/$1.times" | awk -v l="$1" -v n="$COUNT" -v what="$2" '{ t[NR] = $1; c[NR] = $2; m[NR] = $3 }
        END {
            med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%-9s %6d messages in %6.2f s = %7.0f msg/s (median %6.0f msg/s), cpu %5.2f s, peak RSS %6.1f MB  %s\n",
                l, n, t[1], n / t[1], n / med, c[1], m[1] / 1024, what }'
}

echo "replay-postgres benchmark: $COUNT generated messages, release build, fresh database each run ($(nproc) CPUs), best of $ROUNDS"
for ((round = 0; round < ROUNDS; round++)); do
    rm -f "$WORK"/run.sqlite*
    cp "$WORK/template.sqlite" "$WORK/run.sqlite"
    once sqlite "$WORK/sqlite.yaml"
    psql <<<"DROP DATABASE IF EXISTS run_crm; CREATE DATABASE run_crm OWNER crm TEMPLATE template_crm;"
    once postgres "$WORK/pg.yaml"
    stored=$(psql -d run_crm -tA <<<"SELECT count(*) FROM messages;")
    [ "$stored" -gt 0 ] || { echo "Benchmarks/replay-postgres: nothing reached PostgreSQL" >&2; exit 1; }
done
report sqlite "(reference: database.path, one SQLite file)"
report postgres "(database.url, PostgreSQL 15 on 127.0.0.1, fsync off)"
echo "summary of the last PostgreSQL run: $(cat "$WORK/postgres.out") ($stored messages in its database)"
