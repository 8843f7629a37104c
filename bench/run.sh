#!/usr/bin/env bash
# HTTP benchmark, in one run: our bare Beast server (bench/bare_server.cpp, the baseline: what
# Beast on this machine does per request with no work at all), then the real server on the
# demo campaign: /healthz, the candidate list (first page) and the campaign detail. Each as
# req/s, p50, p99 and a ratio to the bare server. Goals: /healthz >= 80 %, the list and the
# detail >= 70 %. Prints figures; never fails on a time.
# Usage: bench/run.sh path/to/shuangshai [seconds] [connections]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
conns=${3:-128}
bare=${BARE_SERVER:-$(dirname "$bin")/bench/bare_server}
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps.sh test installs it)"; exit 1; }
[ -x "$bare" ] || { echo "bench: $bare is missing (build the bare_server target)"; exit 1; }
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# name path → prints "rps p50 p99" on stdout, a line for people on stderr
run() {
  local name=$1 url=$2
  curl -sf "$url" >/dev/null  # warm the cache
  local out rps p50 p99
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

echo "wrk -t2 -c$conns -d${secs}s; servers: 2 I/O threads; $(nproc) cores" >&2

# The bare server runs before and after the real one; the baseline is the mean of the two, so
# that a neighbour's burst on a shared machine shows as a spread instead of a false ratio.
bare_run() {  # [body bytes] → "rps p50 p99"
  "$bare" 0 ${1:-} >"$tmp/bare.log" 2>&1 &
  local pid=$!
  local u
  u=$(wait_url "$tmp/bare.log")
  run bare "$u/"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
read -r bare1_rps base_p50 base_p99 < <(bare_run)

"$bin" init --db "$tmp/b.db" --demo >/dev/null
# The access log stays on, as in production; it goes to a file truncated after each route.
"$bin" serve --db "$tmp/b.db" --port 0 --threads 2 >"$tmp/out.log" 2>"$tmp/err.log" &
pids+=($!)
url=$(wait_url "$tmp/out.log")

results=()
for spec in "/healthz|GET /healthz" "/api/v1/campaigns/1/candidates|GET candidate list" \
            "/api/v1/campaigns/1|GET campaign detail"; do
  path=${spec%%|*}
  name=${spec#*|}
  : > "$tmp/out.log"
  read -r rps p50 p99 < <(run "$name" "$url$path")
  results+=("$name|$rps|$p50|$p99")
done
: > "$tmp/out.log"
list_bytes=$(curl -s "$url/api/v1/campaigns/1/candidates" | wc -c)

read -r bare2_rps _ _ < <(bare_run)
read -r sized_rps sized_p50 sized_p99 < <(bare_run "$list_bytes")
base_rps=$(awk -v a="$bare1_rps" -v b="$bare2_rps" 'BEGIN { printf "%.0f", (a + b) / 2 }')

printf '%-34s %12s %10s %10s %8s\n' route req/s p50 p99 "of bare" >&2
line() { awk -v n="$1" -v r="$2" -v a="$3" -v b="$4" -v base="$base_rps" \
  'BEGIN { printf "%-34s %12.0f %10s %10s %7.1f%%\n", n, r, a, b, 100 * r / base }' >&2; }
line "bare Beast server (mean)" "$base_rps" "$base_p50" "$base_p99"
echo "  (before: $bare1_rps, after: $bare2_rps req/s)" >&2
line "bare Beast, ${list_bytes}-byte body" "$sized_rps" "$sized_p50" "$sized_p99"
for r in "${results[@]}"; do
  IFS='|' read -r name rps p50 p99 <<<"$r"
  line "$name" "$rps" "$p50" "$p99"
done
