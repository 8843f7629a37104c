#!/usr/bin/env bash
# Showcase reads benchmark (issue 9): the demo with 6 approved showcases (init --demo-showcases),
# then wrk against what a shared link brings in: the candidate list, a candidate, its approved
# showcase, the share card, the poster PNG and the feeds, beside /healthz. Prints req/s and
# p99; never fails on a time.
# Usage: bench/showcase_reads.sh path/to/shuangshai [seconds] [connections]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
conns=${3:-64}
for tool in wrk curl ffmpeg awk sqlite3; do command -v $tool >/dev/null || { echo "bench: $tool is missing"; exit 1; }; done
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" init --db "$tmp/b.db" --demo --no-demo-votes --demo-showcases 6 >/dev/null 2>&1
cid=$(sqlite3 "$tmp/b.db" "SELECT candidate_id FROM showcases WHERE approved_version > 0 ORDER BY candidate_id LIMIT 1")
"$bin" serve --db "$tmp/b.db" --port 0 --threads 2 >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
url=
url=$(wait_url "$tmp/out.log")
[ -n "$url" ] || { echo "bench: the server did not start"; cat "$tmp/err.log"; exit 1; }

run() {  # name path → a line
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url$2")
  printf '%-44s %10s req/s  %10s/s  p99 %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '/Transfer\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
echo "wrk -t2 -c$conns -d${secs}s on $(nproc) cores, the server with 2 I/O threads; candidate $cid has a showcase"
run "GET /healthz" "/healthz"
run "GET the candidate list (page 1)" "/api/v1/campaigns/1/candidates"
run "GET a candidate" "/api/v1/campaigns/1/candidates/$cid"
run "GET its approved showcase" "/api/v1/campaigns/1/candidates/$cid/showcase/public"
run "GET its share card (HTML)" "/share/c/1/candidates/$cid"
run "GET its share poster (PNG, cached)" "/share/c/1/candidates/$cid/poster.png"
run "GET the JSON feed" "/api/v1/campaigns/1/feed.json"
run "GET the RSS feed" "/api/v1/campaigns/1/feed.xml"
echo "server RSS: $(ps -o rss= -p "$pid") KiB"
