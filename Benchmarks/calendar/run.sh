#!/usr/bin/env bash
# Calendar benchmark (issue 11): parse + write throughput of our iCalendar layer on a generated calendar of N events
# (default 5000; a tenth of them weekly series with an EXDATE and a moved occurrence), once as one VCALENDAR and once
# as one resource per series (as a CalDAV collection holds them), beside Python's icalendar (Debian
# python3-icalendar) on the same files in the same run.
#
# Usage: Benchmarks/calendar/run.sh [N] [ROUNDS]   (SKIP_BUILD=1 reuses .build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-5000}"
ROUNDS="${2:-5}"
out=.build-bench/calendar
mkdir -p "$out"
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product CalendarBenchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)/CalendarBenchmark"
rm -rf "$out/data"
"$BIN" --generate "$out/data" --events "$N"
"$BIN" --rounds "$ROUNDS" "$out/data"
if /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
  /usr/bin/python3 Benchmarks/python/ical_roundtrip.py --rounds "$(( ROUNDS < 3 ? ROUNDS : 3 ))" "$out/data"
else
  echo "Benchmarks/calendar: python3-icalendar is not installed (apt-get install python3-icalendar); no reference" >&2
  exit 1
fi
