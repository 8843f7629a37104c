#!/usr/bin/env bash
# Runs the browser tests (tests/browser/run.mjs, Playwright driving Debian's Chromium)
# against the real server on a free port with a fresh demo database.
# Usage: scripts/browser-test.sh path/to/shuangshai
set -euo pipefail
bin=$(realpath "${1:-build/shuangshai}")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
server_pid=
showcase_pid=
cleanup() {
  for pid in $server_pid $showcase_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
# The test database's accounts get cheap test password hashes (init and serve both need it:
# a server without it refuses such hashes). The binary warns about it on stderr.
export SHUANGSHAI_TEST_FAST_PASSWORDS=1

"$bin" init --db "$tmp/test.db" --demo >/dev/null
"$bin" serve --db "$tmp/test.db" --port 0 --web "$root/web/dist" >"$tmp/serve.log" 2>&1 &
server_pid=$!
# The address a server prints in its "已启动：http://…" line (up to 10 s), or exits.
address_of() {
  local log=$1 found=
  for _ in $(seq 1 100); do
    found=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n1 || true)
    [ -n "$found" ] && break
    sleep 0.1
  done
  if [ -z "$found" ]; then
    echo "browser-test: the server did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "$found"
}
url=$(address_of "$tmp/serve.log")
shots="${SCREENSHOT_DIR:-$tmp/shots}"
BASE_URL="$url" SCREENSHOT_DIR="$shots/public" node "$root/tests/browser/run.mjs"
password=$(awk -F'\t' '$1 == "hainan" { print $2 }' "$tmp/demo-accounts.txt")
organizer_password=$(awk -F'\t' '$1 == "organizer" { print $2 }' "$tmp/demo-accounts.txt")
# The phone voter: the codes come from the file SMS provider (sms.txt beside the database,
# which serve uses with the demo data); the party member's ballot codes are made by the 海南区
# district admin through the staff API.
BASE_URL="$url" SCREENSHOT_DIR="$shots/vote" SMS_FILE="$tmp/sms.txt" DISTRICT_USER=hainan DISTRICT_PASSWORD="$password" \
  node "$root/tests/browser/vote.mjs"
# 选票审核: a farm of phones on one device votes over HTTP, the organizer reviews the held votes.
BASE_URL="$url" SCREENSHOT_DIR="$shots/review" SMS_FILE="$tmp/sms.txt" ORGANIZER_USER=organizer ORGANIZER_PASSWORD="$organizer_password" \
  node "$root/tests/browser/review.mjs"
# 核验我的选票: a voter checks a vote against the signed public log in the browser; the log page.
BASE_URL="$url" SCREENSHOT_DIR="$shots/verify" SMS_FILE="$tmp/sms.txt" node "$root/tests/browser/verify.mjs"
# The admin console, signed in as the demo district admin of 海南区, then as the organizer, whose
# last step advances the campaign from voting to judging: it runs after the voting test.
BASE_URL="$url" SCREENSHOT_DIR="$shots/admin" DISTRICT_USER=hainan DISTRICT_PASSWORD="$password" \
  ORGANIZER_USER=organizer ORGANIZER_PASSWORD="$organizer_password" node "$root/tests/browser/admin.mjs"
# 展示材料 (issue 9): a second server in the 材料提交 phase. init writes demo-accounts.txt and
# serve keeps its media (uploads, transcodes) beside the database, so it gets a folder of its own.
mkdir -p "$tmp/showcase"
"$bin" init --db "$tmp/showcase/showcase.db" --demo --demo-phase showcase >/dev/null
"$bin" serve --db "$tmp/showcase/showcase.db" --port 0 --web "$root/web/dist" >"$tmp/showcase/serve.log" 2>&1 &
showcase_pid=$!
showcase_url=$(address_of "$tmp/showcase/serve.log")
account() { awk -F'\t' -v u="$1" '$1 == u { print $2 }' "$tmp/showcase/demo-accounts.txt"; }
BASE_URL="$showcase_url" SCREENSHOT_DIR="$shots/showcase" CANDIDATE_USER=cand097 CANDIDATE_PASSWORD="$(account cand097)" \
  DISTRICT_USER=hainan DISTRICT_PASSWORD="$(account hainan)" ORGANIZER_USER=organizer ORGANIZER_PASSWORD="$(account organizer)" \
  node "$root/tests/browser/showcase.mjs"
