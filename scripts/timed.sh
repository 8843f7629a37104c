#!/usr/bin/env bash
# Runs a command and reports how long it took: "time: NAME 83 s" on stderr (and, when
# STAGE_TIMES names a file, a line "NAME<TAB>83" appended to it).
# Usage: scripts/timed.sh NAME command [args...]
set -uo pipefail
name=$1
shift
start=$(date +%s)
"$@"
rc=$?
secs=$(( $(date +%s) - start ))
echo "time: $name ${secs} s$([ $rc -ne 0 ] && echo " (failed, exit $rc)")" >&2
if [ -n "${STAGE_TIMES:-}" ]; then printf '%s\t%s\n' "$name" "$secs" >>"$STAGE_TIMES"; fi
exit $rc
