#!/usr/bin/env bash
# Calendar-sync benchmark (issue 11): a calendar of N events (default 5000) on a local Radicale (scripts/caldav-server),
# synced by `crmservice calendar sync` into an empty database, then again after 50 changes on the server; and, in the
# same run on the same calendar, vdirsyncer (Debian) syncing it to a local folder (filesystem storage), first and after
# the same kind of 50 changes. Prints wall-clock times, and our request counts (from the sync's report line).
#
# Usage: Benchmarks/calendar-sync/run.sh [N]   (SKIP_BUILD=1 reuses .build/release; BIN=PATH uses that crmservice)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
N="${1:-5000}"
PY=/usr/bin/python3
out=$root/.build-bench/calendar-sync
rm -rf "$out"; mkdir -p "$out"
if [ -z "${BIN:-}" ]; then
  if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product crmservice >/dev/null; fi
  BIN="$(swift build -c release --show-bin-path)/crmservice"
fi

server=$out/radicale
scripts/caldav-server start radicale "$server" --stop-with $$ >/dev/null
trap 'scripts/caldav-server stop "$server" >/dev/null 2>&1 || true' EXIT
url=$(scripts/caldav-server add-user "$server" anna)
pwfile=$server/anna.password

# N events through one PUT each would measure curl; they are written into Radicale's storage instead (its filesystem
# layout: collection-root/USER/COLLECTION/NAME.ics), owned by the server's user.
"$PY" - "$server/data/collection-root/anna/calendar" "$N" <<'PY'
import os, sys
folder, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    uid = f"bench-{i:05d}@example.com"
    day = 1 + i % 28; hour = 8 + i % 9
    rrule = "RRULE:FREQ=WEEKLY;COUNT=10\r\nEXDATE:202603%02dT%02d0000Z\r\n" % (day, hour) if i % 10 == 0 else ""
    body = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nLAST-MODIFIED:20260101T000000Z\r\n"
            f"DTSTART:202602{day:02d}T{hour:02d}0000Z\r\nDTEND:202602{day:02d}T{hour:02d}3000Z\r\n"
            f"SUMMARY:Meeting {i}\r\nATTENDEE;CN=Carl:mailto:carl{i % 50}@acme.test\r\n{rrule}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    with open(os.path.join(folder, f"{uid}.ics"), "w", newline="") as f:
        f.write(body)
PY
[ "$(id -u)" -ne 0 ] || chown -R nobody "$server/data"

change_50() {  # 50 events changed on the server through PUT, as a calendar program would
  local round=$1 i
  for i in $(seq 0 49); do
    local uid; uid=$(printf 'bench-%05d@example.com' $((i * (N / 50))))
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260201T000000Z\r\nLAST-MODIFIED:20260201T00%02d00Z\r\nDTSTART:20260210T090000Z\r\nDTEND:20260210T100000Z\r\nSUMMARY:Changed %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
      "$uid" "$round" "$round" | curl -sS -o /dev/null -u "anna:$(cat "$pwfile")" -X PUT -H 'Content-Type: text/calendar' \
      --data-binary @- "$url$uid.ics"
  done
}

# Ours: a database with the user, the calendars: section.
printf 'id,name,email\nanna,Anna,anna@example.com\n' >"$out/users.csv"
cp "$pwfile" "$out/caldav.password"; chmod 0600 "$out/caldav.password"
cat >"$out/config.yaml" <<YAML
database:
  path: $out/crm.sqlite
calendars:
  url: ${url%anna/calendar/}{user}/calendar/
  user: anna
  password_file: $out/caldav.password
YAML
"$BIN" import users "$out/users.csv" --db "$out/crm.sqlite" >/dev/null

# Radicale parses and caches every item the first time a listing reads it; whichever tool runs first would pay for
# that. One PROPFIND of every ETag before the clocks start warms it for both.
curl -sS -o /dev/null -u "anna:$(cat "$pwfile")" -X PROPFIND -H 'Depth: 1' -H 'Content-Type: application/xml' \
  --data '<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>' "$url"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

t0=$(now); first=$("$BIN" calendar sync --config "$out/config.yaml") || { echo "$first"; exit 1; }; t1=$(now)
ours_first=$(elapsed "$t0" "$t1")
change_50 1
t0=$(now); incr=$("$BIN" calendar sync --config "$out/config.yaml"); t1=$(now)
ours_incr=$(elapsed "$t0" "$t1")
t0=$(now); again=$("$BIN" calendar sync --config "$out/config.yaml"); t1=$(now)
ours_again=$(elapsed "$t0" "$t1")

# vdirsyncer: the same collection to a local folder.
mkdir -p "$out/vdir/status" "$out/vdir/calendar"
cat >"$out/vdir/config" <<CONF
[general]
status_path = "$out/vdir/status/"

[pair bench]
a = "bench_remote"
b = "bench_local"
collections = null
conflict_resolution = "a wins"

[storage bench_remote]
type = "caldav"
url = "$url"
username = "anna"
password.fetch = ["command", "cat", "$pwfile"]

[storage bench_local]
type = "filesystem"
path = "$out/vdir/calendar/"
fileext = ".ics"
CONF
export VDIRSYNCER_CONFIG=$out/vdir/config
yes | vdirsyncer discover >/dev/null 2>&1 || true
t0=$(now); vdirsyncer sync >/dev/null 2>&1; t1=$(now)
vdir_first=$(elapsed "$t0" "$t1")
change_50 2
t0=$(now); vdirsyncer sync >/dev/null 2>&1; t1=$(now)
vdir_incr=$(elapsed "$t0" "$t1")
vdir_count=$(find "$out/vdir/calendar" -name '*.ics' | wc -l)

requests() { sed -n 's/.* \([0-9]*\) requests.*/\1/p' <<<"$1" | head -1; }
echo "calendar-sync: $N events on Radicale $(dpkg-query -W -f='${Version}' radicale 2>/dev/null), vdirsyncer $(dpkg-query -W -f='${Version}' vdirsyncer 2>/dev/null)"
printf '  %-44s %8.2f s  %6s requests\n' "crmservice calendar sync, first (empty store)" "$ours_first" "$(requests "$first")"
printf '  %-44s %8.2f s  %6s requests\n' "crmservice calendar sync, after 50 changes" "$ours_incr" "$(requests "$incr")"
printf '  %-44s %8.2f s  %6s requests\n' "crmservice calendar sync, nothing changed" "$ours_again" "$(requests "$again")"
printf '  %-44s %8.2f s  (%s files)\n' "vdirsyncer sync, first (empty folder)" "$vdir_first" "$vdir_count"
printf '  %-44s %8.2f s\n' "vdirsyncer sync, after 50 changes" "$vdir_incr"
echo "  ours: $first"
