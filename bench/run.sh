#!/usr/bin/env bash
# HTTP benchmark: wrk against the real server on the demo campaign, the candidate list
# (first page, default filters) beside a trivial route of the same server (/healthz), so the
# ratio shows what the real work costs. Prints figures; never fails on a time.
# Usage: bench/run.sh path/to/shuangshai [seconds] [connections]
set -euo pipefail
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
conns=${3:-64}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps.sh test installs it)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" init --db "$tmp/b.db" --demo >/dev/null
# The access log stays on, as in production; it goes to /dev/null here.
"$bin" serve --db "$tmp/b.db" --port 0 --threads 2 >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out.log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
# Drop the access log from here on (the file would grow by millions of lines).
: > "$tmp/out.log"

run() {
  local name=$1 path=$2
  curl -sf "$url$path" >/dev/null  # warm the cache
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-34s %12s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99" >&2
  echo "$rps"
}

echo "wrk: ${secs}s per route, $conns connections, 2 wrk threads; server: 2 I/O threads; $(nproc) cores" >&2
trivial=$(run "GET /healthz (trivial)" /healthz)
list=$(run "GET candidates (page 1)" /api/v1/campaigns/1/candidates)
filtered=$(run "GET candidates (海南区 + search)" "/api/v1/campaigns/1/candidates?district=150303&q=%E7%A4%BE%E5%8C%BA")
detail=$(run "GET campaign detail" /api/v1/campaigns/1)
awk -v a="$list" -v b="$trivial" 'BEGIN { printf "candidate list / trivial = %.1f %%\n", 100 * a / b }' >&2
: > "$tmp/out.log"
