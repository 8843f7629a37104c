#!/usr/bin/env bash
# The tally's rebuild at start-up (issue 7: 10 million votes in under a second). The live
# tally is rebuilt from the hourly counts (vote_counts), which the writer keeps in the same
# transactions as the votes; so this fills vote_counts as 10 million votes over the demo's
# voting days would (every candidate, every hour) and times the server's first tally read,
# which builds it, against the second, which does not. Prints figures; never fails on a time.
# Usage: bench/tally_rebuild.sh path/to/shuangshai [votes]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
votes=${2:-10000000}
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is missing (apt-get install sqlite3)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
SHUANGSHAI_TEST_FAST_PASSWORDS=1 "$bin" init --db "$tmp/t.db" --demo --no-demo-votes >/dev/null 2>&1
# Every candidate × every hour of 40 days from the first voting day, the votes spread evenly.
sqlite3 "$tmp/t.db" <<SQL
WITH RECURSIVE d(day) AS (SELECT CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 20 UNION ALL SELECT day + 1 FROM d WHERE day < (SELECT CAST(strftime('%s', 'now') AS INTEGER) / 86400 + 19)),
               h(hour) AS (SELECT 0 UNION ALL SELECT hour + 1 FROM h WHERE hour < 23)
INSERT INTO vote_counts(campaign_id, candidate_id, day, hour, n)
  SELECT 1, c.id, d.day, h.hour, 0 FROM candidates c, d, h WHERE c.campaign_id = 1;
UPDATE vote_counts SET n = $votes / (SELECT COUNT(*) FROM vote_counts);
UPDATE vote_counts SET n = n + ($votes - (SELECT SUM(n) FROM vote_counts))
  WHERE (candidate_id, day, hour) = (SELECT candidate_id, day, hour FROM vote_counts LIMIT 1);
SQL
rows=$(sqlite3 "$tmp/t.db" "SELECT COUNT(*) || ' hourly rows holding ' || SUM(n) || ' votes' FROM vote_counts")
"$bin" serve --db "$tmp/t.db" --port 0 >"$tmp/out.log" 2>&1 &
pid=$!
url=$(wait_url "$tmp/out.log")
t() { curl -s -o "$tmp/tally.json" -w '%{time_total}' "$url/api/v1/campaigns/1/tally"; }
first=$(t)
total=$(grep -o '"total":[0-9]*' "$tmp/tally.json" | head -n1)
second=$(t)
echo "tally rebuild: $rows; first /tally (builds it) ${first} s, second ${second} s; $total"
