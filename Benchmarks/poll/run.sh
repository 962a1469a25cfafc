#!/usr/bin/env bash
# Poll benchmark (issue #4): generates N messages (default 5000) with scripts/gen-capture-fixtures, loads them into a
# throwaway Dovecot (scripts/dovecot, imaps on 127.0.0.1), and times in the same run:
#   - `crmservice poll --once` (release build) into a fresh database: up to 50 messages a transaction and one
#     `UID FETCH` command for the messages of a batch (the defaults);
#   - the same with --fetch-one-by-one (one `UID FETCH` round trip a message, as before issue #15), to see what the
#     batched fetch is worth;
#   - the same with --batch-size 1 (one transaction and one fetch per message), to see what batching is worth, then
#     the default again (the spread between the two default runs is the noise of the machine);
#   - mbsync (isync) pulling the same folder into an empty Maildir: the reference (fetch and write only, no parsing,
#     no matching, no database), over the same TLS port with the same CA and password file (PassCmd).
# Prints messages/s of each. Both poll runs use the default after-action (`seen`, one more command per message).
#
# Usage: Benchmarks/poll/run.sh [N]      (run from anywhere; SKIP_BUILD=1 reuses .build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-5000}"
WORK="$(mktemp -d /tmp/poll-bench.XXXXXX)"
chmod 755 "$WORK" # run as root, scripts/dovecot gives the mail to an unprivileged user, who must reach it
DOVECOT="$WORK/dovecot"
cleanup() { scripts/dovecot stop "$DOVECOT" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

command -v mbsync >/dev/null || { echo "Benchmarks/poll: mbsync is not installed (scripts/setup installs isync)" >&2; exit 1; }
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
BIN="$(swift build -c release --show-bin-path)/crmservice"

python3 scripts/gen-capture-fixtures "$WORK/world" --count "$N" --seed 11 >/dev/null
COUNT=$(find "$WORK/world/messages" -type f | wc -l)
BYTES=$(find "$WORK/world/messages" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')

scripts/dovecot start "$DOVECOT" >/dev/null
# shellcheck disable=SC1091  # written by scripts/dovecot start
. "$DOVECOT/env"
scripts/dovecot load "$DOVECOT" bench INBOX "$WORK/world/messages" 2>/dev/null
URL="imaps://127.0.0.1:$IMAPS_PORT/INBOX"
PASSWORD_FILE="$DOVECOT/bench.password"

now() { date +%s.%N; }
rate() { echo "$COUNT / ($2 - $1)" | bc -l; }

poll() { # label, extra options...
    local label=$1 db="$WORK/$1.sqlite" start end
    shift
    for kind in accounts users contacts orders; do "$BIN" import "$kind" "$WORK/world/$kind.csv" --db "$db" >/dev/null; done
    start=$(now)
    /usr/bin/time -v "$BIN" poll --once --db "$db" --url "$URL" --user bench --password-file "$PASSWORD_FILE" \
        --cacert "$CACERT" "$@" >"$WORK/$label.out" 2>"$WORK/$label.time" || { cat "$WORK/$label.time" >&2; exit 1; }
    end=$(now)
    printf '%-16s %6d messages in %6.2f s = %6.0f msg/s, peak RSS %6.1f MB  (%s)\n' "$label" "$COUNT" \
        "$(echo "$end - $start" | bc -l)" "$(rate "$start" "$end")" \
        "$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 / 1024 }' "$WORK/$label.time")" \
        "$(sed 's/^[^:]*: //' "$WORK/$label.out")"
}

echo "poll benchmark: $COUNT generated messages ($(echo "$BYTES / 1000000" | bc -l | xargs printf '%.1f') MB) in a local Dovecot over imaps, release build, $(nproc) CPUs"
# Dovecot builds its index and cache on the first full read of a folder (measured: whichever run came first was up to
# 2x slower), so one untimed poll warms it before the timed runs.
poll warm-up >/dev/null
poll poll
poll poll-one-by-one --fetch-one-by-one
poll poll-batch1 --batch-size 1
poll poll-again

# The reference: mbsync pulls the same folder into an empty Maildir (same TLS port, CA and password file). Host is
# localhost: isync 1.4 matches the certificate's DNS names only (the certificate names localhost and 127.0.0.1).
mkdir -p "$WORK/maildir"
cat >"$WORK/mbsyncrc" <<RC
IMAPAccount bench
Host localhost
Port $IMAPS_PORT
User bench
PassCmd "cat $PASSWORD_FILE"
SSLType IMAPS
CertificateFile $CACERT

IMAPStore bench-remote
Account bench

MaildirStore bench-local
Path $WORK/maildir/
Inbox $WORK/maildir/INBOX

Channel bench
Far :bench-remote:
Near :bench-local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
RC
start=$(now)
/usr/bin/time -v mbsync -q -c "$WORK/mbsyncrc" bench >"$WORK/mbsync.out" 2>"$WORK/mbsync.time" || { cat "$WORK/mbsync.out" "$WORK/mbsync.time" >&2; exit 1; }
end=$(now)
PULLED=$(find "$WORK/maildir/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)
printf '%-16s %6d messages in %6.2f s = %6.0f msg/s, peak RSS %6.1f MB  (reference: fetch into a Maildir only)\n' \
    mbsync "$PULLED" "$(echo "$end - $start" | bc -l)" "$(rate "$start" "$end")" \
    "$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 / 1024 }' "$WORK/mbsync.time")"
# mbsync skips a message without a header block (the generator writes one, an `unparseable` case).
[ "$PULLED" -ge "$((COUNT - 1))" ] || echo "Benchmarks/poll: mbsync pulled $PULLED of $COUNT messages" >&2
