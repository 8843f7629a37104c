#!/usr/bin/env bash
# `shuangshai verify` on a campaign of a million votes (issue 8: in seconds, not minutes).
# Casts the votes through the store's real write (cast_bench: rules, counts and the log leaf
# in the vote's own transaction), lets the server's sealer sign a head over them, and times
# verify from the database and from the public routes. Also reports the sealer's lag: the
# time from the server's start to a head covering every vote (its first catch-up of the log).
# Prints figures; never fails on a time.
# Usage: bench/verify_log.sh path/to/build [voters=334000]   (3 votes each)
set -euo pipefail
build=$(realpath "${1:-build}")
voters=${2:-334000}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
SHUANGSHAI_TEST_FAST_PASSWORDS=1 "$build/shuangshai" init --db "$tmp/v.db" --demo --no-demo-votes >/dev/null 2>&1
"$build/bench/cast_bench" "$tmp/v.db" "$voters" | head -n1
start=$(date +%s.%N)
"$build/shuangshai" serve --db "$tmp/v.db" --port 0 >"$tmp/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do url=$(grep -ao 'http://127.0.0.1:[0-9]*' "$tmp/out.log" | head -n1 || true); [ -n "$url" ] && break; sleep 0.1; done
size=$(sqlite3 "$tmp/v.db" "SELECT COUNT(*) FROM log_entries WHERE campaign_id = 1")
for _ in $(seq 1 600); do
  covered=$(curl -s "$url/api/v1/campaigns/1/log/sth" | grep -o '"tree_size":[0-9]*' | cut -d: -f2 || true)
  [ "${covered:-0}" = "$size" ] && break
  sleep 0.1
done
echo "sealer: a head over all $size entries $(echo "$(date +%s.%N) - $start" | bc) s after the server started"
/usr/bin/time -f "verify --url: %e s, %M KiB" "$build/shuangshai" verify --url "$url" --campaign 1 2>&1 | grep -E "校验|用时|verify"
/usr/bin/time -f "verify --db: %e s, %M KiB" "$build/shuangshai" verify --db "$tmp/v.db" --campaign 1 2>&1 | grep -E "校验|用时|verify"
