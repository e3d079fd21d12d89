#!/usr/bin/env bash
# Pallet's V3 reads and pushes against nginx serving the same bytes as static files.
#
# Usage: nice -n 10 bench/v3/run.sh [--accel] [--no-build] [--keep]
#   --accel     also measure nupkg downloads through nginx in front of Pallet with X-Accel-Redirect
#   --no-build  use the existing .build-release/release/pallet
#   --keep      keep the temp folder (data, logs, wrk outputs) and print its path
# Knobs (environment): BENCH_DURATION (s, 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
#   BENCH_SEARCH_IDS (10000), BENCH_SEARCH_VERSIONS (10 per id), BENCH_FILL_SECONDS (120),
#   BENCH_FILL_WORKERS (4), BENCH_CLONE (1: insert what the pushes did not reach into SQLite),
#   BENCH_PUSH_IDS x BENCH_PUSH_VERSIONS (50 x 10 sequential 50 KB pushes).
# Needs: swift, python3, curl, nginx (Debian nginx-light), wrk. Not run by CI. See bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="python3 $HERE/benchpkg.py"
LUA="$HERE/report.lua"

ACCEL=0 BUILD=1 KEEP=0
for arg in "$@"; do
  case "$arg" in
    --accel) ACCEL=1 ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
SEARCH_IDS=${BENCH_SEARCH_IDS:-10000}
SEARCH_VERSIONS=${BENCH_SEARCH_VERSIONS:-10}
FILL_SECONDS=${BENCH_FILL_SECONDS:-120}
FILL_WORKERS=${BENCH_FILL_WORKERS:-4}
CLONE=${BENCH_CLONE:-1}
PUSH_IDS=${BENCH_PUSH_IDS:-50}
PUSH_VERSIONS=${BENCH_PUSH_VERSIONS:-10}

for tool in python3 curl nginx wrk; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y nginx-light wrk curl python3)" >&2; exit 1; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- build -------------------------------------------------------------------------------------
# A scratch path of its own, so the release build does not wait on the debug builds' lock.
PALLET="$ROOT/.build-release/release/pallet"
if [[ $BUILD == 1 ]]; then
  log "building pallet (release, --scratch-path .build-release)"
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 3) >&2
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first" >&2; exit 1; }

# --- temp folder, cleanup ----------------------------------------------------------------------
WORK="$(mktemp -d /tmp/pallet-bench.XXXXXX)"
chmod 755 "$WORK"   # nginx workers may run as another user
DATA="$WORK/data"
NGX="$WORK/nginx"
mkdir -p "$NGX/tmp" "$WORK/wrk"
PALLET_PID="" NGINX_PID=""

cleanup() {
  local status=$?
  [[ -n $PALLET_PID ]] && kill "$PALLET_PID" 2>/dev/null && wait "$PALLET_PID" 2>/dev/null
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  if [[ $KEEP == 1 || $status != 0 ]]; then
    echo "temp folder kept: $WORK (pallet log: $WORK/pallet.log)" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PALLET_PORT=$($PY free-port)
NGINX_PORT=$($PY free-port)
ACCEL_PORT=$($PY free-port)
PALLET_URL="http://127.0.0.1:$PALLET_PORT"
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
ACCEL_URL="http://127.0.0.1:$ACCEL_PORT"

# --- pallet lifecycle --------------------------------------------------------------------------
start_pallet() {  # extra serve flags...; sets PALLET_PID and STARTUP_SECONDS
  local started=$EPOCHREALTIME
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PALLET_PORT" --base-url "$PALLET_URL" "$@" \
    >>"$WORK/pallet.log" 2>&1 &
  PALLET_PID=$!
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "$PALLET_URL/health/ready" 2>/dev/null; then
      STARTUP_SECONDS=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')")
      return 0
    fi
    kill -0 "$PALLET_PID" 2>/dev/null || { tail -n 20 "$WORK/pallet.log" >&2; echo "pallet exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "pallet did not become ready in 120 s" >&2; exit 1
}

stop_pallet() {
  kill "$PALLET_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$PALLET_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$PALLET_PID" 2>/dev/null || true
  wait "$PALLET_PID" 2>/dev/null || true
  PALLET_PID=""
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$PALLET_PID/status"; }

wait_for_file() {  # path: rendered documents may be written after the push answers
  for _ in $(seq 1 300); do [[ -s $1 ]] && return 0; sleep 0.1; done
  echo "missing $1; rendered documents present:" >&2
  find "$DATA/blobs/v3" -maxdepth 3 | head -n 20 >&2
  exit 1
}

# --- accounts, pushes --------------------------------------------------------------------------
log "data folder $DATA; pallet on $PALLET_PORT, nginx on $NGINX_PORT"
"$PALLET" admin create-user bench --email bench@example.invalid --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -n 1)

start_pallet
sleep 2
RSS_EMPTY=$(rss_mb)
log "pallet ready in ${STARTUP_SECONDS}s (empty feed), RSS ${RSS_EMPTY} MB"

log "sequential push: $PUSH_IDS ids x $PUSH_VERSIONS versions of 50 KB, one keep-alive connection"
read -r _ PUSH_COUNT PUSH_SECONDS PUSH_RATE PUSH_FAILED PUSH_BYTES < <($PY push "$PALLET_URL" "$KEY" \
  --id Bench.Push --ids "$PUSH_IDS" --versions "$PUSH_VERSIONS" --size 51200)
log "  $PUSH_COUNT pushes ($PUSH_BYTES bytes each) in ${PUSH_SECONDS}s = $PUSH_RATE pkgs/s, $PUSH_FAILED failed"

$PY push "$PALLET_URL" "$KEY" --id Bench.Big --size 204800 >/dev/null
$PY push "$PALLET_URL" "$KEY" --id Bench.Registration --versions 20 --size 2048 >/dev/null

CORPUS=$((SEARCH_IDS * SEARCH_VERSIONS))
log "search corpus: $SEARCH_IDS ids x $SEARCH_VERSIONS versions = $CORPUS; pushing with $FILL_WORKERS workers for at most ${FILL_SECONDS}s"
read -r _ FILL_PUSHED FILL_FAILED FILL_SECONDS_TAKEN FILL_RATE < <($PY fill "$PALLET_URL" "$KEY" \
  --ids "$SEARCH_IDS" --versions "$SEARCH_VERSIONS" --workers "$FILL_WORKERS" --seconds "$FILL_SECONDS")
log "  pushed $FILL_PUSHED versions in ${FILL_SECONDS_TAKEN}s ($FILL_RATE pkgs/s with $FILL_WORKERS workers), $FILL_FAILED failed"
CLONED=0 CLONE_SECONDS=0
if (( FILL_PUSHED < CORPUS )) && [[ $CLONE == 1 ]]; then
  stop_pallet
  read -r _ CLONED CLONE_SECONDS < <($PY clone "$DATA/pallet.sqlite" --ids "$SEARCH_IDS" --versions "$SEARCH_VERSIONS")
  log "  inserted the other $CLONED versions straight into SQLite in ${CLONE_SECONDS}s (rows only: no nupkgs or documents)"
  start_pallet
  log "  pallet restarted in ${STARTUP_SECONDS}s (loads the search index from the store)"
fi
CORPUS_READY=$((FILL_PUSHED + CLONED))
STARTUP_FILLED=$STARTUP_SECONDS
sleep 3
RSS_FILLED=$(rss_mb)
log "RSS idle with $CORPUS_READY corpus versions: ${RSS_FILLED} MB"

# --- the same bytes for nginx ------------------------------------------------------------------
curl -fsS "$PALLET_URL/v3/index.json" -o "$NGX/service-index.json"
wait_for_file "$DATA/blobs/v3/flat/bench.registration/index.json"
wait_for_file "$DATA/blobs/v3/registration/bench.registration/index.json"
wait_for_file "$DATA/blobs/packages/bench.big/1.0.0/bench.big.1.0.0.nupkg"

cat >"$NGX/nginx.conf" <<EOF
$( [[ $(id -u) == 0 ]] && echo "user root;" )
worker_processes auto;
daemon off;
error_log $NGX/error.log warn;
pid $NGX/nginx.pid;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;

  # Static: the blob folder as Pallet wrote it.
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $DATA/blobs;
    location = /v3/index.json { alias $NGX/service-index.json; }
    location ~ ^/v3/flat/([^/]+)/([^/]+)/([^/]+\.nupkg)\$ { alias $DATA/blobs/packages/\$1/\$2/\$3; }
    location /v3/ { }
  }

  # Accel: nginx in front of Pallet; Pallet answers downloads with X-Accel-Redirect: /_blobs/{key}.
  upstream pallet { server 127.0.0.1:$PALLET_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$ACCEL_PORT;
    location /_blobs/ { internal; alias $DATA/blobs/; }
    location / {
      proxy_pass http://pallet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
    }
  }
}
EOF
nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$NGINX_URL/v3/index.json" 2>/dev/null && break; sleep 0.1; done

# --- measuring ---------------------------------------------------------------------------------
SERVICE_PATH="/v3/index.json"
FLAT_PATH="/v3/flat/bench.registration/index.json"
REGISTRATION_PATH="/v3/registration/bench.registration/index.json"
NUPKG_PATH="/v3/flat/bench.big/1.0.0/bench.big.1.0.0.nupkg"

same_bytes() {  # path: do Pallet and nginx answer the same body?
  local a b
  a=$(curl -fsS "$PALLET_URL$1" | sha256sum) || { echo "pallet-error"; return; }
  b=$(curl -fsS "$NGINX_URL$1" | sha256sum) || { echo "nginx-error"; return; }
  [[ $a == "$b" ]] && echo "same" || echo "DIFFERENT"
}

run_wrk() {  # name url [connections] -> "rps p50us p99us requests bad errors bytes/s"
  local name=$1 url=$2 connections=${3:-$CONNECTIONS} threads=$THREADS
  (( connections < threads )) && threads=$connections
  wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$WORK/wrk/$name.txt" 2>&1
  local line
  line=$(grep '^RESULT ' "$WORK/wrk/$name.txt" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"  # wrk failed: an error row
  log "  $name: $line"
  echo "${line#RESULT }"
}

ROWS=()
ms() { python3 -c "print(f'{$1 / 1000:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 > 0 else 'n/a')"; }
meets() { python3 -c "print('yes' if $1 else 'NO')"; }
add_row() { ROWS+=("$(printf '%s|' "$@")"); }

compare() {  # label path target-ratio
  local label=$1 path=$2 target=$3 p n bytes
  bytes=$(same_bytes "$path")
  log "$label ($path): bodies $bytes"
  read -r p_rps _ p_p99 _ p_bad p_err _ < <(run_wrk "pallet-$label" "$PALLET_URL$path")
  read -r n_rps _ n_p99 _ n_bad n_err _ < <(run_wrk "nginx-$label" "$NGINX_URL$path")
  local r; r=$(ratio "$p_rps" "$n_rps")
  local note=""; (( p_bad + p_err + n_bad + n_err > 0 )) && note=" (errors: pallet $p_bad/$p_err, nginx $n_bad/$n_err)"
  [[ $bytes != same ]] && note="$note (bodies $bytes)"
  add_row "$label" "$p_rps" "$n_rps" "$r" "$(ms "$p_p99")" "$(ms "$n_p99")" ">= ${target}x nginx" "$(meets "$p_rps >= $target * $n_rps")$note"
}

log "reads: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, Pallet then nginx"
compare "service index" "$SERVICE_PATH" 0.9
compare "flat index (20 versions)" "$FLAT_PATH" 0.9
compare "registration index (20 versions)" "$REGISTRATION_PATH" 0.9
compare "nupkg 200 KB" "$NUPKG_PATH" 0.5

log "search over $CORPUS_READY versions of $SEARCH_IDS ids"
while IFS=$'\t' read -r shape query; do
  url="$PALLET_URL/v3/query?$query&take=20"
  hits=$(curl -fsS "$url" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['totalHits'], len(d['data']))" 2>/dev/null || echo "error")
  read -r s_rps s_p50 s_p99 _ s_bad s_err _ < <(run_wrk "search-$shape" "$url")
  read -r _ o_p50 o_p99 _ _ _ _ < <(run_wrk "search1-$shape" "$url" 1)
  note="hits/page $hits"; (( s_bad + s_err > 0 )) && note="$note, errors $s_bad/$s_err"
  add_row "search $shape ($note)" "$s_rps" "-" "-" "$(ms "$s_p99")" "-" "p99 < 10 ms" "$(meets "$s_p99 < 10000")"
  add_row "  same, 1 connection" "-" "-" "-" "$(ms "$o_p99") (p50 $(ms "$o_p50"))" "-" "p99 < 10 ms" "$(meets "$o_p99 < 10000")"
done < <($PY queries --ids "$SEARCH_IDS")

sleep 3
RSS_LOADED=$(rss_mb)

if [[ $ACCEL == 1 ]]; then
  log "accel: restarting pallet with --accel-redirect-prefix /_blobs/ behind nginx"
  stop_pallet
  start_pallet --accel-redirect-prefix /_blobs/
  a=$(curl -fsS "$ACCEL_URL$NUPKG_PATH" | sha256sum); b=$(curl -fsS "$NGINX_URL$NUPKG_PATH" | sha256sum)
  [[ $a == "$b" ]] && bytes=same || bytes=DIFFERENT
  read -r a_rps _ a_p99 _ a_bad a_err _ < <(run_wrk "accel-nupkg" "$ACCEL_URL$NUPKG_PATH")
  read -r n_rps _ n_p99 _ _ _ _ < <(run_wrk "nginx-nupkg-again" "$NGINX_URL$NUPKG_PATH")
  note=""; (( a_bad + a_err > 0 )) && note=" (errors $a_bad/$a_err)"; [[ $bytes != same ]] && note="$note (bodies DIFFERENT)"
  add_row "nupkg 200 KB, nginx+X-Accel" "$a_rps" "$n_rps" "$(ratio "$a_rps" "$n_rps")" "$(ms "$a_p99")" "$(ms "$n_p99")" ">= 0.5x nginx" "$(meets "$a_rps >= 0.5 * $n_rps")$note"
  read -r f_rps _ f_p99 _ _ _ _ < <(run_wrk "accel-proxied-flat" "$ACCEL_URL$FLAT_PATH")
  add_row "flat index via nginx proxy" "$f_rps" "-" "-" "$(ms "$f_p99")" "-" "(reference)" "-"
fi

add_row "push 50 KB, sequential" "$PUSH_RATE pkgs/s" "-" "-" "-" "-" ">= 50 pkgs/s" "$(meets "$PUSH_RATE >= 50")"
add_row "RSS idle, empty feed" "$RSS_EMPTY MB" "-" "-" "-" "-" "< 100 MB" "$(meets "$RSS_EMPTY < 100")"
add_row "RSS idle, $CORPUS_READY versions" "$RSS_FILLED MB" "-" "-" "-" "-" "< 100 MB" "$(meets "$RSS_FILLED < 100")"
add_row "RSS after the load" "$RSS_LOADED MB" "-" "-" "-" "-" "(reference)" "-"

# --- report ------------------------------------------------------------------------------------
echo
echo "Pallet $("$PALLET" --version 2>/dev/null || echo '?') vs $(nginx -v 2>&1 | sed 's/.*: //') on $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (search also with -c1); latencies in ms"
echo "Data: $PUSH_COUNT sequential 50 KB pushes ($PUSH_FAILED failed); Bench.Big 1.0.0 ($(stat -c %s "$DATA/blobs/packages/bench.big/1.0.0/bench.big.1.0.0.nupkg") bytes);"
echo "  Bench.Registration x 20 versions; search corpus $SEARCH_IDS ids x $SEARCH_VERSIONS versions: $FILL_PUSHED pushed over HTTP"
echo "  in ${FILL_SECONDS_TAKEN}s ($FILL_RATE pkgs/s, $FILL_WORKERS workers, $FILL_FAILED failed) + $CLONED inserted into SQLite in ${CLONE_SECONDS}s;"
echo "  pallet start with that corpus: ${STARTUP_FILLED}s"
echo
{
  echo "endpoint|pallet|nginx|ratio|pallet p99|nginx p99|target|met?|"
  for row in "${ROWS[@]}"; do echo "$row"; done
} | column -t -s '|'
