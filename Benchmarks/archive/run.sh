#!/usr/bin/env bash
# The archive benchmark (issue 12, docs/archiving.md): a database of ACTIVITIES activities (default 200,000, about
# 2 GB with their raw copies: generate.py's mail replayed by the release binary), `archive run` of the three quarters
# older than 24 months, `archive download` beside `zip -r` of the same files (the ZIP unpacked), then `archive
# delete`: time and peak memory (GNU time's maximum RSS) of each, and the database file's size before, after the run
# and after the delete.
#
# Usage: Benchmarks/archive/run.sh     ACTIVITIES=N BODY=BYTES (default 10000) make it smaller for a quick run;
#        SKIP_BUILD=1 reuses .build/release; CRMSERVICE=/path/to/crmservice times that binary; KEEP=1 keeps the work
#        directory; WORK=DIR puts it there (default a new directory under /tmp).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${WORK:-}" ]; then mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/archive-bench.XXXXXX)"; fi
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
if [ -n "${CRMSERVICE:-}" ]; then
    BIN=$CRMSERVICE
else
    [ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product crmservice >/dev/null
    BIN="$(swift build -c release --show-bin-path)/crmservice"
fi
activities=${ACTIVITIES:-200000}
db="$WORK/crm.sqlite"
size() { stat -c %s "$1"; }
mb() { echo "scale=1; $1 / 1048576" | bc; }
# Runs a command under GNU time; prints "SECONDS MAXRSS_KB".
timed() {
    local log="$WORK/time.log"
    /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null
    cat "$log"
}

/usr/bin/python3 Benchmarks/archive/generate.py "$WORK/world" --activities "$activities" --body "${BODY:-10000}"
for kind in accounts users contacts; do "$BIN" import "$kind" "$WORK/world/$kind.csv" --db "$db" >/dev/null; done
"$BIN" admin grant u0 archive --db "$db" >/dev/null
( umask 077; echo "archive-bench-password" > "$WORK/password" )
"$BIN" admin passwd u0 --password-file "$WORK/password" --db "$db" >/dev/null
read -r secs rss < <(timed "$BIN" replay "$WORK/world/all.mbox" --db "$db" --mailbox-name bench)
rm -rf "$WORK/world"
echo "replay of $activities messages: $secs s, peak $((rss / 1024)) MiB"
before=$(size "$db")

read -r run_s run_rss < <(timed "$BIN" archive run --months 24 --as-of 2026-12-01 --db "$db")
after_run=$(size "$db")
"$BIN" archive list --db "$db"
archived=$("$BIN" export archives --db "$db" | sed -n 's/.*"activities":\([0-9]*\).*/\1/p')

read -r dl_s dl_rss < <(timed "$BIN" archive download 1 --out "$WORK/archive.zip" --as u0 --password-file "$WORK/password" --db "$db")
zip_size=$(size "$WORK/archive.zip")
mkdir "$WORK/unzipped"
(cd "$WORK/unzipped" && unzip -q ../archive.zip)
read -r ref_s ref_rss < <(cd "$WORK/unzipped" && timed zip -qr ../reference.zip .)
ref_size=$(size "$WORK/reference.zip")
files=$(find "$WORK/unzipped" -type f | wc -l)
rm -rf "$WORK/unzipped" "$WORK/reference.zip" "$WORK/archive.zip"

read -r del_s del_rss < <(timed "$BIN" archive delete 1 --as u0 --password-file "$WORK/password" --db "$db")
after_delete=$(size "$db")

echo
echo "archive benchmark: $activities activities, $archived archived"
printf '%-28s %10s %12s\n' step seconds "peak MiB"
printf '%-28s %10s %12s\n' "archive run" "$run_s" "$((run_rss / 1024))"
printf '%-28s %10s %12s\n' "archive download" "$dl_s" "$((dl_rss / 1024))"
printf '%-28s %10s %12s\n' "zip -r (reference)" "$ref_s" "$((ref_rss / 1024))"
printf '%-28s %10s %12s\n' "archive delete" "$del_s" "$((del_rss / 1024))"
echo "ZIP: ours $(mb "$zip_size") MiB, zip -r $(mb "$ref_size") MiB, $files files"
echo "database: before $(mb "$before") MiB, after run $(mb "$after_run") MiB, after delete $(mb "$after_delete") MiB"
echo "RESULT activities=$activities archived=$archived run_s=$run_s run_rss_kb=$run_rss download_s=$dl_s download_rss_kb=$dl_rss zip_r_s=$ref_s delete_s=$del_s delete_rss_kb=$del_rss db_before=$before db_after_run=$after_run db_after_delete=$after_delete zip_bytes=$zip_size zip_r_bytes=$ref_size"
