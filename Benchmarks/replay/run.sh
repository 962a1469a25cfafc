#!/usr/bin/env bash
# Replay benchmark (issue #3): generates N messages (default 4000) with scripts/gen-capture-fixtures, builds the
# release binary, and times `crmservice replay` of the .eml directory and of the same messages as one mbox into a
# fresh database each, best of ROUNDS (default 5). Prints messages/s, CPU time and the peak RSS (GNU time).
# Target (issue 9): >= 10,000 msg/s on 2 cores. BEFORE=/path/to/older/crmservice times that binary too, interleaved
# with this one, for a before/after figure of the same run.
#
# Usage: Benchmarks/replay/run.sh [N]      (run from anywhere; SKIP_BUILD=1 reuses .build/release;
#        CRMSERVICE=/path/to/crmservice times that binary instead, e.g. an older build for a before/after figure)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-4000}"
WORK="$(mktemp -d /tmp/replay-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if [ -n "${CRMSERVICE:-}" ]; then
    BIN=$CRMSERVICE
else
    [ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
    BIN="$(swift build -c release --show-bin-path)/crmservice"
fi

python3 scripts/gen-capture-fixtures "$WORK/world" --count "$N" --seed 11 >/dev/null
COUNT=$(find "$WORK/world/messages" -type f | wc -l)
# The same messages as one mbox (mboxrd escaping of body lines starting with "From ").
python3 - "$WORK/world/messages" "$WORK/all.mbox" <<'PY'
import os, re, sys
src, dst = sys.argv[1], sys.argv[2]
with open(dst, "wb") as out:
    for name in sorted(os.listdir(src)):
        data = open(os.path.join(src, name), "rb").read().replace(b"\r\n", b"\n")
        data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
        out.write(b"From bench@example.com Mon Oct  5 10:00:00 2026\n" + data + (b"" if data.endswith(b"\n") else b"\n") + b"\n")
PY

ROUNDS="${ROUNDS:-5}"

# A database with the world's address book, copied for every run so each starts from the same fresh state.
template() { # binary -> path of its template database
    local db="$WORK/template-$(echo "$1" | sha1sum | cut -c1-8).sqlite"
    if [ ! -f "$db" ]; then
        for kind in accounts users contacts orders; do "$1" import "$kind" "$WORK/world/$kind.csv" --db "$db" >/dev/null; done
    fi
    echo "$db"
}

# One replay of `input` by `binary` into a fresh copy of the template: appends "seconds cpu_seconds rss_kb" to
# $WORK/label.times and keeps the summary in $WORK/label.out.
once() { # label, binary, input
    local db="$WORK/run.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$(template "$2")" "$db"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$2" replay "$3" --db "$db" >"$WORK/$1.out"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time" >>"$WORK/$1.times"
}

# Best and median of a label's rounds.
report() { # label, what
    sort -g "$WORK/$1.times" | awk -v l="$1" -v n="$COUNT" -v what="$2" '{ t[NR] = $1; c[NR] = $2; m[NR] = $3 }
        END {
            med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%-13s %6d messages in %6.2f s = %7.0f msg/s (median %6.0f msg/s), cpu %5.2f s, peak RSS %6.1f MB  %s\n",
                l, n, t[1], n / t[1], n / med, c[1], m[1] / 1024, what }'
}

labels=()
binaries=()
if [ -n "${BEFORE:-}" ]; then labels+=(before); binaries+=("$BEFORE"); fi
labels+=(now); binaries+=("$BIN")
echo "replay benchmark: $COUNT generated messages, release build, fresh database each run ($(nproc) CPUs), best of $ROUNDS"
# Rounds interleave inputs and binaries, so a burst of load on a shared machine hits them alike.
for ((round = 0; round < ROUNDS; round++)); do
    for i in "${!labels[@]}"; do
        once "eml-${labels[$i]}" "${binaries[$i]}" "$WORK/world/messages"
        once "mbox-${labels[$i]}" "${binaries[$i]}" "$WORK/all.mbox"
    done
done
for input in eml mbox; do
    for i in "${!labels[@]}"; do
        report "$input-${labels[$i]}" "${labels[$i]}: ${binaries[$i]}"
    done
done
echo "summary of the last run: $(cat "$WORK/eml-now.out")"

# Parse-only figure of the same run: the same files through `crmservice parse --json`, so what replay adds
# (matching, SQLite, the raw message and attachments written) can be read off.
start=$(date +%s.%N)
find "$WORK/world/messages" -type f -print0 | LC_ALL=C sort -z | xargs -0 "$BIN" parse --json >/dev/null
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
printf '%-6s %6d messages in %6.2f s = %7.0f msg/s  (crmservice parse --json, no capture)\n' \
    parse "$COUNT" "$secs" "$(echo "$COUNT / $secs" | bc -l)"

# Reference measured in the same run: Python's mailbox + email packages only reading and parsing the same mbox
# (no matching, no database).
python3 - "$WORK/all.mbox" <<'PY'
import mailbox, email, email.policy, sys, time
start = time.perf_counter()
n = 0
for msg in mailbox.mbox(sys.argv[1], factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)):
    msg.get_body(("plain", "html")); n += 1
secs = time.perf_counter() - start
print(f"python {n:6d} messages in {secs:6.2f} s = {n / secs:7.0f} msg/s  (reference: mailbox + email parse only, no capture)")
PY
