#!/usr/bin/env bash
# Replay benchmark (issue #3): generates N messages (default 4000) with scripts/gen-capture-fixtures, builds the
# release binary, and times `crmservice replay` of the .eml directory and of the same messages as one mbox into a
# fresh database each. Prints messages/s and the peak RSS (/usr/bin/time -v). Target >= 3000 msg/s, goal >= 5000.
#
# Usage: Benchmarks/replay/run.sh [N]      (run from anywhere; SKIP_BUILD=1 reuses .build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-4000}"
WORK="$(mktemp -d /tmp/replay-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
BIN="$(swift build -c release --show-bin-path)/crmservice"

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

run() { # label, input
    local db="$WORK/$1.sqlite"
    for kind in accounts users contacts orders; do "$BIN" import "$kind" "$WORK/world/$kind.csv" --db "$db" >/dev/null; done
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -v "$BIN" replay "$2" --db "$db" >"$WORK/$1.out" 2>"$WORK/$1.time"
    end=$(date +%s.%N)
    local rss secs
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$WORK/$1.time")
    secs=$(echo "$end - $start" | bc -l)
    printf '%-6s %6d messages in %6.2f s = %7.0f msg/s, peak RSS %6.1f MB  (%s)\n' \
        "$1" "$COUNT" "$secs" "$(echo "$COUNT / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$(cat "$WORK/$1.out")"
}

echo "replay benchmark: $COUNT generated messages, release build, fresh database each run ($(nproc) CPUs)"
run eml "$WORK/world/messages"
run mbox "$WORK/all.mbox"

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
