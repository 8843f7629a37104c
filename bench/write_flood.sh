#!/usr/bin/env bash
# Staff writes beside a sign-in flood: does a password-guessing flood (hundreds of wrong
# passwords a second from many addresses) starve the writes? Runs the write benchmark alone,
# then again with the flood beside it, and prints writes/s and the writes' p50/p99 for both.
# Prints figures; never fails on a time.
# Usage: bench/write_flood.sh path/to/shuangshai [seconds]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps.sh test installs it)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" init --db "$tmp/b.db" --demo >/dev/null
printf '[http]\ntrusted_proxies = ["127.0.0.1"]\n[server]\naccess_log = false\n' > "$tmp/bench.toml"
"$bin" serve --config "$tmp/bench.toml" --db "$tmp/b.db" --port 0 --threads 2 >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
url=$(wait_url "$tmp/out.log")
password=$(awk -F'\t' '$1=="admin" {print $2}' "$tmp/demo-accounts.txt")
export ORIGIN="$url"
login=$(curl -sf -D "$tmp/headers" -H "Origin: $url" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$url/api/v1/auth/login")
export CSRF=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' <<<"$login")
export COOKIE=$(grep -i '^set-cookie:' "$tmp/headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+).*/\1/')
export IDS=$(curl -sf -H "Cookie: $COOKIE" "$url/api/v1/campaigns/1/admin/candidates?page_size=80" | grep -o '"id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')

writes() {
  wrk -t1 -c8 -d"${secs}s" --latency -s "$here/lua/patch_candidate.lua" "$url" > "$tmp/writes.txt"; grep -E "Socket errors" "$tmp/writes.txt" >&2 || true; awk '/Requests\/sec/ {print $2}' "$tmp/writes.txt"
}
echo "writes: PATCH candidate (staff correction, audit entry), 8 connections, ${secs}s; server: 2 I/O threads; $(nproc) cores" >&2
alone=$(writes)
echo "  alone: $alone writes/s" >&2
wrk -t1 -c256 -d"$((secs + 2))s" --timeout 30s -s "$here/lua/login_flood.lua" "$url" >/dev/null &
flood=$!
sleep 1
beside=$(writes)
wait "$flood"
echo "  beside the flood: $beside writes/s" >&2
awk -v a="$alone" -v b="$beside" 'BEGIN { printf "writes beside the flood / alone = %.0f %%\n", 100 * b / a }' >&2
