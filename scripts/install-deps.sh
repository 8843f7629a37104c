#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the server and the tests need.
# Quick when everything is already there: it only calls apt-get for what is missing.
# Usage: scripts/install-deps.sh [build|test|bench|fuzz]
#   build  the compiler, ninja, the libraries of the server and node/npm for the web app
#   test   adds what only the tests and benchmarks need: GoogleTest, Google Benchmark,
#          Chromium for the browser test, wrk and curl, poppler-utils and zbar-tools to read
#          the slips' PDF back (bench: the same)
#   fuzz   adds clang and its libFuzzer runtime
set -euo pipefail

want=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  # OpenSSL: https to the SMS gateway (src/sms/http_sender.cpp).
  libssl-dev
  # xlsxwriter.pc says "-lxlsxwriter -lz" but libxlsxwriter-dev does not depend on zlib1g-dev
  # (libsqlite3's static Libs name -lz too): without it the link fails with "cannot find -lz".
  libxlsxwriter-dev zlib1g-dev
  # Ballot-code slips as PDF (src/report/slips.cpp): Cairo, Pango, QR codes, and the CJK
  # font they are set in, which the server needs at run time.
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-cjk
  # The media pipeline runs ffprobe and ffmpeg (src/media/ffmpeg.cpp): the server needs them.
  ffmpeg
  # Photos are read, turned upright, resized and stripped of metadata by libvips (src/media/photos.cpp).
  libvips-dev
  nodejs npm
)
case "${1:-build}" in
  build) ;;
  test | bench) want+=(libgtest-dev libgmock-dev libbenchmark-dev chromium wrk curl procps poppler-utils zbar-tools) ;;
  fuzz) want+=(clang libclang-rt-14-dev) ;;
  *) echo "usage: $0 [build|test|bench|fuzz]" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# The npm that ships inside a nodejs from another source counts as npm.
if printf '%s\n' "${missing[@]}" | grep -qx npm && command -v npm >/dev/null; then
  missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
