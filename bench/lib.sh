# What the benchmark scripts share; source it: . "$(dirname "$0")/lib.sh"

wait_url() {  # the first http://127.0.0.1:PORT a server printed to $1 (up to 10 s), or nothing
  local u=
  for _ in $(seq 1 100); do
    u=$(grep -ao 'http://127.0.0.1:[0-9]*' "$1" | head -n1 || true)
    [ -n "$u" ] && break
    sleep 0.1
  done
  echo "$u"
}
