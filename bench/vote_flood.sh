#!/usr/bin/env bash
# The vote path under load (issue 7): distinct voters casting durable votes at 256
# connections, with every check on (voter cookie, the rate limits by voter, window, candidate,
# proof of work checked — at a low difficulty, solved ahead by bench/vote_mint —, spent
# challenges, the detector, the rules inside the write, synchronous=FULL, group commit, the tally moved after the commit), measured in
# the same run as the bare Beast server and the server's /healthz. Prints figures; never
# fails on a time.
# Usage: bench/vote_flood.sh path/to/shuangshai [seconds] [voters] [baseline seconds]
# SERVE_ENV="NAME=value …" sets the server's environment, for A/B runs (e.g. GLIBC_TUNABLES:
# glibc.malloc.tcache_count=1024 gave 17,047 and 17,058 votes/s against 19,320 and 14,514
# without it on 2026-12-03 — inside this machine's noise, not adopted).
# The memory run of issue 7 (5 million votes, RSS at the start and the end):
#   bench/vote_flood.sh build/shuangshai 400 1670000 10
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
voters=${3:-120000}
base_secs=${4:-$secs}
dir=$(dirname "$bin")
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps.sh test installs it)"; exit 1; }
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
rate() { awk '/Requests\/sec/ {print $2}'; }

"$dir/bench/bare_server" 0 >"$tmp/bare.log" 2>&1 &
pids+=($!)
bare=$(wrk -t2 -c256 -d"${base_secs}s" "$(wait_url "$tmp/bare.log")/" | rate)
kill "${pids[0]}"

SHUANGSHAI_TEST_FAST_PASSWORDS=1 "$bin" init --db "$tmp/b.db" --demo --no-demo-votes >/dev/null 2>&1
start=$(date +%s.%N)
"$dir/bench/vote_mint" "$tmp/b.db" "$voters" 100 >"$tmp/votes.tsv"
echo "minted $(wc -l <"$tmp/votes.tsv") votes for $voters voters in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s" >&2
printf '[voting]\npow_maxnumber = 100\n[server]\naccess_log = false\n[http]\ntrusted_proxies = ["127.0.0.1"]\n' >"$tmp/bench.toml"
SHUANGSHAI_TEST_FAST_PASSWORDS=1 env ${SERVE_ENV:-} "$bin" serve --config "$tmp/bench.toml" --db "$tmp/b.db" --port 0 --threads 2 \
  >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
pids+=($pid)
url=$(wait_url "$tmp/out.log")
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
healthz=$(wrk -t2 -c256 -d"${base_secs}s" "$url/healthz" | rate)
echo "server RSS before the votes: $(rss)" >&2
out=$(ORIGIN="$url" VOTES="$tmp/votes.tsv" THREADS=2 wrk -t2 -c256 -d"${secs}s" --latency \
  -s "$here/lua/cast_votes.lua" "$url" 2>&1)
echo "server RSS after the votes: $(rss)" >&2
echo "$out" | grep -E "votes accepted|Requests/sec" >&2
accepted=$(echo "$out" | sed -nE 's/.*votes accepted \(201\): ([0-9]+).*/\1/p')
awk -v a="$accepted" -v s="$secs" -v b="$bare" -v h="$healthz" 'BEGIN {
  v = a / s
  printf "bare Beast: %.0f req/s; /healthz: %.0f req/s; accepted votes: %.0f /s (%.0f%% of bare, %.0f%% of /healthz)\n", b, h, v, 100 * v / b, 100 * v / h
}' >&2

# The sealer's lag: from the end of the flood to the first signed head that covers the whole
# log (every accepted vote's leaf, and the quarantine entries beside them). The log stops
# growing when wrk stops, so the final size is the one that stays put for 3 s.
end=$(date +%s.%N)
size_of() { curl -s "$url/api/v1/campaigns/1/log/sth" | sed -nE 's/.*"tree_size":([0-9]+).*/\1/p'; }
last=-1 first_seen=$end stable_since=$end
while :; do
  now=$(date +%s.%N)
  s=$(size_of)
  if [ "${s:-0}" != "$last" ]; then last=${s:-0}; first_seen=$now; stable_since=$now; fi
  awk -v a="$now" -v b="$stable_since" 'BEGIN { exit !(a - b >= 3) }' && break
  awk -v a="$now" -v b="$end" 'BEGIN { exit !(a - b >= 60) }' && { echo "sealer: no stable head within 60 s (last size $last)" >&2; break; }
  sleep 0.05
done
awk -v s="$last" -v a="$accepted" -v f="$first_seen" -v e="$end" 'BEGIN {
  printf "sealer: the head covering all %d log entries (%d accepted votes, %d of them held for review: one more entry each) was out %.2f s after the flood ended\n", s, a, s - a, f - e
}' >&2
