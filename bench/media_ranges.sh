#!/usr/bin/env bash
# Media serving benchmark (issue 9): one server on the demo campaign; a 30 s 1080p clip made
# with ffmpeg's test sources is uploaded through tus by 钟庆梅's account and transcoded by the
# server; then, in the same run, wrk against /healthz, the whole transcoded video, and random
# 1 MiB byte ranges of it (players seeking). Prints req/s, MB/s and p99; never fails on a time.
# Usage: bench/media_ranges.sh path/to/shuangshai [seconds] [connections]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=$(realpath "${1:-build/shuangshai}")
secs=${2:-10}
conns=${3:-64}
here=$(cd "$(dirname "$0")" && pwd)
for tool in wrk curl ffmpeg awk; do command -v $tool >/dev/null || { echo "bench: $tool is missing"; exit 1; }; done
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" init --db "$tmp/b.db" --demo --no-demo-votes >/dev/null
"$bin" serve --db "$tmp/b.db" --port 0 --threads 2 >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
url=
url=$(wait_url "$tmp/out.log")
password=$(awk -F'\t' '$1=="cand097" {print $2}' "$tmp/demo-accounts.txt")
login=$(curl -sf -c "$tmp/cookies" -H "Origin: $url" -H 'Content-Type: application/json' \
  -d "{\"username\":\"cand097\",\"password\":\"$password\"}" "$url/api/v1/auth/login")
csrf=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' <<<"$login")

ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=25:duration=30 \
  -f lavfi -i sine=duration=30 -c:v libx264 -preset ultrafast -c:a aac -shortest "$tmp/clip.mp4"
length=$(stat -c %s "$tmp/clip.mp4")
meta="filename $(printf 'bench.mp4' | base64),campaign $(printf 1 | base64),candidate $(printf 97 | base64)"
common=(-sf -b "$tmp/cookies" -H "Origin: $url" -H "X-CSRF-Token: $csrf" -H 'Tus-Resumable: 1.0.0')
location=$(curl "${common[@]}" -D - -o /dev/null -X POST -H "Upload-Length: $length" -H "Upload-Metadata: $meta" \
  "$url/api/v1/uploads" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
start=$(date +%s.%N)
curl "${common[@]}" -X PATCH -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' \
  --data-binary @"$tmp/clip.mp4" "$url$location" >/dev/null
uploaded=$(date +%s.%N)
video=
for _ in $(seq 1 600); do
  status=$(curl -sf -b "$tmp/cookies" "$url$location")
  if grep -q '"state":"done"' <<<"$status"; then
    video=$(sed -E 's/.*"video":"([^"]+)".*/\1/' <<<"$status")
    break
  fi
  grep -q '"state":"failed"' <<<"$status" && { echo "bench: the transcode failed: $status"; exit 1; }
  sleep 0.5
done
done_at=$(date +%s.%N)
[ -n "$video" ] || { echo "bench: the transcode did not finish"; exit 1; }
size=$(curl -sfI "$url$video" | awk 'tolower($1)=="content-length:" {print $2}' | tr -d '\r')
awk -v l="$length" -v a="$start" -v b="$uploaded" -v c="$done_at" -v s="$size" 'BEGIN {
  printf "upload of %d bytes (one PATCH): %.2f s (%.0f MB/s); transcode of 30 s 1080p → 720p: %.1f s; video %d bytes\n",
    l, b - a, l / (b - a) / 1e6, c - b, s }'

run() {  # name url [lua] → a line
  local name=$1 target=$2 script=${3:-}
  local out
  if [ -n "$script" ]; then
    out=$(VIDEO_SIZE=$size wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$target")
  else
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$target")
  fi
  printf '%-34s %10s req/s  %10s/s  p99 %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '/Transfer\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
echo "wrk -t2 -c$conns -d${secs}s on $(nproc) cores, the server with 2 I/O threads and 4 blocking threads"
run "GET /healthz" "$url/healthz"
run "GET the whole video" "$url$video"
run "GET random 1 MiB ranges" "$url$video" "$here/lua/video_ranges.lua"
echo "server RSS: $(ps -o rss= -p "$pid") KiB"
