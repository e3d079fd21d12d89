#!/usr/bin/env bash
# Server CPU time per request on the hot read paths: Pallet with its fast path, Pallet with every request
# through the router (pallet.fastPath=false), and nginx on the same bytes. Requests per second on a shared
# machine move with everyone else's load; the CPU the server itself spent per answered request hardly does,
# so this is the figure to compare when the load is high (run.sh's ratios are the ones the targets name).
#
# Usage: bench/serve/cpu.sh [PALLET_BINARY [BASELINE_BINARY]]   (default .build-release/release/pallet)
# With BASELINE_BINARY the middle column is that binary with its fast path on (say main's release build
# against a branch's), instead of PALLET_BINARY with every request through the router.
# The last row is a download through nginx with X-Accel-Redirect: nginx's and Pallet's CPU together, against
# nginx alone sending the file.
# Knobs: BENCH_PORT_BASE (20500; uses +30..+32), BENCH_DURATION (4), BENCH_CONNECTIONS (32).
# Needs nginx, wrk, python3, curl. Not run by CI. Prints one row per endpoint.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PALLET=$(readlink -f "${1:-$ROOT/.build-release/release/pallet}")
BASELINE=${2:+$(readlink -f "$2")}
BASE=$(( ${BENCH_PORT_BASE:-20500} + 30 ))
P=$BASE NGX=$((BASE + 1)) FRONT=$((BASE + 2))
DURATION=${BENCH_DURATION:-4}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
URL="http://127.0.0.1:$P"
WORK=$(mktemp -d /tmp/pallet-cpu.XXXXXX)
chmod 755 "$WORK"
server="" nginx=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  [ -n "$nginx" ] && kill "$nginx" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

start() {  # [env assignments...]: pallet serve on the data folder
  # shellcheck disable=SC2086
  env "$@" "$PALLET" serve --data "$WORK/data" --host 127.0.0.1 --port "$P" --base-url "$URL" ${SERVE_ARGS:-} >>"$WORK/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null && return 0; sleep 0.1; done
  echo "pallet did not start" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

ticks() {  # utime+stime (clock ticks) of the given pids
  local total=0 pid
  for pid in "$@"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$total"
}

measure() {  # url header pids... -> "µs-per-request req/s"
  local url=$1 header=$2; shift 2
  local before after out requests rps
  local args=(-t2 -c"$CONNECTIONS" -d"${DURATION}s")
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d1s "$url" >/dev/null  # warm-up: caches, the gzip body, the 404 remembered
  before=$(ticks "$@")
  out=$(wrk "${args[@]}" "$url")
  after=$(ticks "$@")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  python3 -c "print(f'{($after - $before) * 1e6 / $(getconf CLK_TCK) / $requests:.1f} {float($rps):.0f}')"
}

"$PALLET" admin create-user cpu --email cpu@example.invalid --data "$WORK/data" >/dev/null
KEY=$("$PALLET" admin create-api-key --user cpu --data "$WORK/data" | tail -n 1)
start
python3 "$ROOT/bench/v3/benchpkg.py" push "$URL" "$KEY" --id Cpu.Pkg --versions 20 --size 2048 >/dev/null
python3 "$ROOT/bench/v3/benchpkg.py" push "$URL" "$KEY" --id Cpu.Big --size 204800 >/dev/null

SERVICE=/v3/index.json FLAT=/v3/flat/cpu.pkg/index.json REG=/v3/registration/cpu.pkg/index.json
NUPKG=/v3/flat/cpu.big/1.0.0/cpu.big.1.0.0.nupkg MISSING=/v3/flat/no.such.id/index.json
for path in $SERVICE $FLAT $REG; do
  mkdir -p "$WORK/static$(dirname "$path")"
  curl -fsS "$URL$path" -o "$WORK/static$path"
  curl -fsS -H 'Accept-Encoding: gzip' "$URL$path" -o "$WORK/static$path.gz"
done
mkdir -p "$WORK/nginx/tmp"
. "$HERE/nginx-conf.sh"
# nginx in front of Pallet for the X-Accel-Redirect row (its CPU and Pallet's together per download).
nginx_conf "$WORK" "$NGX" "$WORK/data/blobs" 4096 "  upstream pallet { server 127.0.0.1:$P; keepalive 64; }
  server {
    listen 127.0.0.1:$FRONT;
    location /_blobs/ { internal; alias $WORK/data/blobs/; }
    location / { proxy_pass http://pallet; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; }
  }
" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
nginx=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGX$SERVICE" 2>/dev/null && break; sleep 0.1; done
NGINX_PIDS=$(pgrep -P "$nginx" | tr '\n' ' ')

ROWS=("service index|$SERVICE|" "service index, gzip|$SERVICE|Accept-Encoding: gzip" "flat index|$FLAT|"
  "flat index, gzip|$FLAT|Accept-Encoding: gzip" "registration index|$REG|" "registration index, gzip|$REG|Accept-Encoding: gzip"
  "flat index 404 (unknown id)|$MISSING|" "nupkg 200 KB|$NUPKG|")
declare -A FAST=() ROUTER=() NGINX=()
for row in "${ROWS[@]}"; do
  IFS='|' read -r label path header <<<"$row"
  FAST[$label]=$(measure "$URL$path" "$header" "$server")
done
stop
if [ -n "$BASELINE" ]; then
  PALLET=$BASELINE start
else
  start PALLET_FAST_PATH=false
fi
for row in "${ROWS[@]}"; do
  IFS='|' read -r label path header <<<"$row"
  ROUTER[$label]=$(measure "$URL$path" "$header" "$server")
  if [[ $label == "flat index 404 (unknown id)" ]]; then
    NGINX[$label]="- -"  # nginx has no such answer to compare with
  else
    # shellcheck disable=SC2086
    NGINX[$label]=$(measure "http://127.0.0.1:$NGX$path" "$header" $NGINX_PIDS)
  fi
done

[ -n "$BASELINE" ] && echo "fast path: $PALLET; baseline: $BASELINE (fast path on)"
# The download through nginx with X-Accel-Redirect: nginx's workers and Pallet together, per request.
ACCEL="nupkg 200 KB, nginx + X-Accel (both)"
stop
SERVE_ARGS="--accel-redirect-prefix /_blobs/" start
# shellcheck disable=SC2086
FAST[$ACCEL]=$(measure "http://127.0.0.1:$FRONT$NUPKG" "" "$server" $NGINX_PIDS)
ACCEL_PALLET=$(measure "http://127.0.0.1:$FRONT$NUPKG" "" "$server")
stop
if [ -n "$BASELINE" ]; then
  PALLET=$BASELINE SERVE_ARGS="--accel-redirect-prefix /_blobs/" start
else
  SERVE_ARGS="--accel-redirect-prefix /_blobs/" start PALLET_FAST_PATH=false
fi
# shellcheck disable=SC2086
ROUTER[$ACCEL]=$(measure "http://127.0.0.1:$FRONT$NUPKG" "" "$server" $NGINX_PIDS)
NGINX[$ACCEL]=${NGINX["nupkg 200 KB"]}
ROWS+=("$ACCEL||")

echo "server CPU µs per request (and req/s) on $(nproc) cores; wrk -t2 -c$CONNECTIONS -d${DURATION}s; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
{
  if [ -n "$BASELINE" ]; then
    echo "endpoint|fast path µs|baseline µs|nginx µs|fast/nginx CPU|baseline/fast|fast req/s|baseline req/s|nginx req/s"
  else
    echo "endpoint|fast path µs|router µs|nginx µs|fast/nginx CPU|router/fast|fast req/s|router req/s|nginx req/s"
  fi
  for row in "${ROWS[@]}"; do
    label=${row%%|*}
    read -r f frps <<<"${FAST[$label]}"
    read -r r rrps <<<"${ROUTER[$label]}"
    read -r n nrps <<<"${NGINX[$label]}"
    ratio=$(python3 -c "print(f'{$f / $n:.2f}')" 2>/dev/null || echo -)
    speedup=$(python3 -c "print(f'{$r / $f:.1f}x')")
    echo "$label|$f|$r|$n|$ratio|$speedup|$frps|$rrps|$nrps"
  done
} | column -t -s '|'
echo "of the X-Accel row, Pallet's own share: ${ACCEL_PALLET%% *} µs per request (the rest is nginx proxying to it and sending the file)"
