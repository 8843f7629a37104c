#!/usr/bin/env bash
# Configures a CMake build directory with Ninja (scripts/install-deps.sh installs ninja-build).
# A directory configured earlier with another generator (e.g. "Unix Makefiles", from before
# ninja was installed) is removed first: CMake refuses to switch generators in place.
# Usage: scripts/configure.sh BUILD_DIR [cmake arguments...]
set -euo pipefail
dir=$1
shift
command -v ninja >/dev/null || { echo "configure: ninja is missing (scripts/install-deps.sh build installs it)" >&2; exit 1; }
cache="$dir/CMakeCache.txt"
if [ -f "$cache" ] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
  echo "configure: $dir was made by another generator ($(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$cache")); starting it afresh with Ninja"
  rm -rf "$dir"
fi
cmake -S . -B "$dir" -G Ninja "$@" >"${TMPDIR:-/tmp}/shuangshai-configure.$$.log" 2>&1 || {
  cat "${TMPDIR:-/tmp}/shuangshai-configure.$$.log" >&2
  rm -f "${TMPDIR:-/tmp}/shuangshai-configure.$$.log"
  exit 1
}
grep -E '^(-- )?(GoogleTest|Google Benchmark)' "${TMPDIR:-/tmp}/shuangshai-configure.$$.log" || true
rm -f "${TMPDIR:-/tmp}/shuangshai-configure.$$.log"
