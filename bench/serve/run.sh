#!/usr/bin/env bash
# The serving paths side by side with nginx on the same bytes (issue 13): documents plain and gzip, the
# 404 of an unknown id against a hit, .nupkg downloads (by sendfile, behind nginx with
# X-Accel-Redirect), downloads from S3 against the object store itself, sequential pushes on both
# backends, and overload (more connections than the server serves) with and without the request limit.
#
# Usage: nice -n 10 bench/serve/run.sh [--no-build] [--keep] [--skip-s3]
# Knobs: BENCH_DURATION (s per wrk run, 8), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PORT_BASE
#   (20500: pallet, +1 nginx, +2 nginx in front of pallet, +3 pallet --accel, +4 pallet on PostgreSQL + S3),
#   BENCH_PUSHES (200 sequential 50 KB pushes per backend), BENCH_OVERLOAD_CONNECTIONS (1024),
#   BENCH_PALLET (the binary to measure, with --no-build: say main's beside a branch's, one run after the other).
# Needs: python3, curl, nginx (Debian nginx-light), wrk; for the S3 rows PostgreSQL + moto
#   (scripts/test-services.sh) and python3 boto3. Not run by CI. See bench/README.md.
set -euo pipefail
set -f
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="python3 $ROOT/bench/v3/benchpkg.py"
SCALEPKG="python3 $ROOT/bench/scale/scalepkg.py"
LUA="$ROOT/bench/v3/report.lua"
BUILD=1 KEEP=0 S3=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;; --keep) KEEP=1 ;; --skip-s3) S3=0 ;;
    *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
DURATION=${BENCH_DURATION:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
BASE=${BENCH_PORT_BASE:-20500}
PUSHES=${BENCH_PUSHES:-200}
OVERLOAD=${BENCH_OVERLOAD_CONNECTIONS:-1024}
for tool in python3 curl nginx wrk; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

PALLET="${BENCH_PALLET:-$ROOT/.build-release/release/pallet}"
if [[ $BUILD == 1 ]]; then
  log "building pallet (release, --scratch-path .build-release)"
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 3) >&2
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first" >&2; exit 1; }

WORK="$(mktemp -d /tmp/pallet-serve-bench.XXXXXX)"
chmod 755 "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/wrk" "$WORK/static"
declare -A PIDS=()
STORE=""
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n $STORE ]] && $SCALEPKG drop-store "$STORE" >/dev/null 2>&1 || true
  if [[ $KEEP == 1 || $status != 0 ]]; then echo "temp folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

P=$BASE NGX=$((BASE + 1)) FRONT=$((BASE + 2)) ACCEL=$((BASE + 3)) PG=$((BASE + 4))
URL="http://127.0.0.1:$P"

start() {  # name port data [flags...]
  local name=$1 port=$2 data=$3; shift 3
  "$PALLET" serve --data "$data" --host 127.0.0.1 --port "$port" --base-url "http://127.0.0.1:$P" "$@" >>"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && return 0
    kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -n 20 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name did not start" >&2; exit 1
}
stop() { kill "${PIDS[$1]}" 2>/dev/null || true; wait "${PIDS[$1]}" 2>/dev/null || true; unset "PIDS[$1]"; }

run_wrk() {  # name url [connections] [header] -> "rps p50us p99us requests non2xx errors bytes/s"
  local name=$1 url=$2 connections=${3:-$CONNECTIONS} header=${4:-} threads=$THREADS line
  (( connections < threads )) && threads=$connections
  if [[ -n $header ]]; then
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -H "$header" -s "$LUA" "$url" >"$WORK/wrk/$name.txt" 2>&1 || true
  else
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$WORK/wrk/$name.txt" 2>&1 || true
  fi
  line=$(grep '^RESULT ' "$WORK/wrk/$name.txt" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"
  log "  $name: $line"
  echo "${line#RESULT }"
}
ROWS=()
row() { ROWS+=("$(printf '%s|' "$@")"); }
ms() { python3 -c "print(f'{$1 / 1000:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 > 0 else 'n/a')"; }
meets() { python3 -c "print('yes' if $1 else 'NO')"; }

# --- data: embedded node ---------------------------------------------------------------------------
DATA="$WORK/data"
"$PALLET" admin create-user bench --email bench@example.invalid --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -n 1)
start pallet "$P" "$DATA"
log "sequential pushes, embedded: $PUSHES x 50 KB on one connection"
read -r _ _ PUSH_SECONDS PUSH_RATE PUSH_FAILED _ < <($PY push "$URL" "$KEY" --id Bench.Push --ids $((PUSHES / 10)) --versions 10 --size 51200)
$PY push "$URL" "$KEY" --id Bench.Big --size 204800 >/dev/null
$PY push "$URL" "$KEY" --id Bench.Huge --size 4194304 >/dev/null
$PY push "$URL" "$KEY" --id Bench.Registration --versions 20 --size 2048 >/dev/null

# The same bytes for nginx: every document as Pallet sends it, plain and gzip (gzip_static), and the nupkgs.
SERVICE=/v3/index.json FLAT=/v3/flat/bench.registration/index.json REG=/v3/registration/bench.registration/index.json
NUPKG=/v3/flat/bench.big/1.0.0/bench.big.1.0.0.nupkg HUGE=/v3/flat/bench.huge/1.0.0/bench.huge.1.0.0.nupkg
for path in $SERVICE $FLAT $REG; do
  mkdir -p "$WORK/static$(dirname "$path")"
  curl -fsS "$URL$path" -o "$WORK/static$path"
  curl -fsS -H 'Accept-Encoding: gzip' "$URL$path" -o "$WORK/static$path.gz"
done
. "$HERE/nginx-conf.sh"
nginx_conf "$WORK" "$NGX" "$DATA/blobs" 8192 "  upstream pallet { server 127.0.0.1:$ACCEL; keepalive 64; }
  server {
    listen 127.0.0.1:$FRONT;
    location /_blobs/ { internal; alias $DATA/blobs/; }
    location / { proxy_pass http://pallet; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; }
  }
" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS[nginx]=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGX$SERVICE" 2>/dev/null && break; sleep 0.1; done

same() {  # path [header]: do Pallet and nginx send the same body?
  local a b
  a=$(curl -fsS ${2:+-H "$2"} "$URL$1" | sha256sum); b=$(curl -fsS ${2:+-H "$2"} "http://127.0.0.1:$NGX$1" | sha256sum)
  [[ $a == "$b" ]] && echo same || echo DIFFERENT
}
compare() {  # label path target [header]
  local label=$1 path=$2 target=$3 header=${4:-} bytes note=""
  bytes=$(same "$path" "$header")
  read -r p_rps _ p_p99 _ p_bad p_err _ < <(run_wrk "pallet-$label" "$URL$path" "$CONNECTIONS" "$header")
  read -r n_rps _ n_p99 _ n_bad n_err _ < <(run_wrk "nginx-$label" "http://127.0.0.1:$NGX$path" "$CONNECTIONS" "$header")
  (( p_bad + p_err + n_bad + n_err > 0 )) && note=" (non-2xx/errors: pallet $p_bad/$p_err, nginx $n_bad/$n_err)"
  [[ $bytes != same ]] && note="$note (bodies $bytes)"
  row "$label" "$p_rps" "$n_rps" "$(ratio "$p_rps" "$n_rps")" "$(ms "$p_p99")" "$(ms "$n_p99")" ">= ${target}x" "$(meets "$p_rps >= $target * $n_rps")$note"
}
log "documents, plain and gzip"
GZ='Accept-Encoding: gzip'
compare "service index" $SERVICE 0.9
compare "service index, gzip" $SERVICE 0.9 "$GZ"
compare "flat index" $FLAT 0.9
compare "flat index, gzip" $FLAT 0.9 "$GZ"
compare "registration index" $REG 0.9
compare "registration index, gzip" $REG 0.9 "$GZ"

log "404 of an unknown id against a hit (restores ask every source for every id)"
read -r h_rps _ h_p99 _ _ _ _ < <(run_wrk "pallet-flat-hit" "$URL$FLAT")
read -r m_rps _ m_p99 _ m_bad _ _ < <(run_wrk "pallet-flat-404" "$URL/v3/flat/no.such.package/index.json")
row "flat index 404 (unknown id) vs hit" "$m_rps" "$h_rps" "$(ratio "$m_rps" "$h_rps")" "$(ms "$m_p99")" "$(ms "$h_p99")" ">= 1.0x hit" "$(meets "$m_rps >= $h_rps")"

log "downloads"
compare "nupkg 200 KB (sendfile)" $NUPKG 0.6
compare "nupkg 4 MB (sendfile)" $HUGE 0.6
log "overload: $OVERLOAD connections on V2 search, limit on (default) and off"
# V2 `Search()` is computed by the router on every request (never kept): the path the request limit guards. V3
# search is answered on the event loop (FastSearchAnswers), where the two loops bound the work in progress and
# the limit never fills; bench/search/http.sh measures it.
SEARCH="/api/v2/Search()?searchTerm='bench'&\$top=20"
read -r o_rps o_p50 o_p99 o_n o_bad o_err _ < <(run_wrk "overload-limited" "$URL$SEARCH" "$OVERLOAD")
stop pallet
start pallet "$P" "$DATA" --max-in-flight 0
read -r u_rps u_p50 u_p99 u_n u_bad u_err _ < <(run_wrk "overload-unlimited" "$URL$SEARCH" "$OVERLOAD")
row "overload $OVERLOAD conn (V2 Search), limit 128+256 queued" "$o_rps" "-" "-" "$(ms "$o_p99") (p50 $(ms "$o_p50"))" "-" "503s, no collapse" "503: $o_bad of $o_n, socket errors $o_err"
stop pallet
row "overload $OVERLOAD conn (V2 Search), no limit" "$u_rps" "-" "-" "$(ms "$u_p99") (p50 $(ms "$u_p50"))" "-" "(reference)" "non-2xx: $u_bad of $u_n, socket errors $u_err"

# One serving process per data folder at a time: the accel node replaces the plain one.
start accel "$ACCEL" "$DATA" --accel-redirect-prefix /_blobs/
for label in "nupkg 200 KB|$NUPKG" "nupkg 4 MB|$HUGE"; do
  name=${label%%|*} path=${label##*|}
  read -r a_rps _ a_p99 _ a_bad a_err _ < <(run_wrk "front-$name" "http://127.0.0.1:$FRONT$path")
  read -r n_rps _ n_p99 _ _ _ _ < <(run_wrk "nginx-again-$name" "http://127.0.0.1:$NGX$path")
  row "$name, nginx + X-Accel-Redirect" "$a_rps" "$n_rps" "$(ratio "$a_rps" "$n_rps")" "$(ms "$a_p99")" "$(ms "$n_p99")" ">= 0.95x" "$(meets "$a_rps >= 0.95 * $n_rps")"
done
stop accel

row "push 50 KB sequential, embedded" "$PUSH_RATE/s" "-" "-" "-" "-" ">= 100/s" "$(meets "$PUSH_RATE >= 100") ($PUSH_FAILED failed, ${PUSH_SECONDS}s)"

# --- PostgreSQL + S3 -------------------------------------------------------------------------------
if [[ $S3 == 1 ]]; then
  export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
  export PALLET_TEST_POSTGRES_URL=${PALLET_TEST_POSTGRES_URL:-postgres://pallet:pallet@127.0.0.1:5433/postgres}
  export PALLET_TEST_S3_ENDPOINT=${PALLET_TEST_S3_ENDPOINT:-http://127.0.0.1:5055}
  STORE="pallet_serve_bench_$$"
  read -r _ DB_URL STORAGE _ < <($SCALEPKG create-store "$STORE")
  PGDATA="$WORK/pg-node"
  "$PALLET" admin create-user bench --email bench@example.invalid --data "$PGDATA" --database "$DB_URL" --storage "$STORAGE" >/dev/null
  PGKEY=$("$PALLET" admin create-api-key --user bench --data "$PGDATA" --database "$DB_URL" --storage "$STORAGE" | tail -n 1)
  start pg "$PG" "$PGDATA" --database "$DB_URL" --storage "$STORAGE"
  log "sequential pushes, PostgreSQL + S3"
  read -r _ _ PG_SECONDS PG_RATE PG_FAILED _ < <($PY push "http://127.0.0.1:$PG" "$PGKEY" --id Bench.Push --ids $((PUSHES / 10)) --versions 10 --size 51200)
  $PY push "http://127.0.0.1:$PG" "$PGKEY" --id Bench.Big --size 204800 >/dev/null
  read -r r_rps _ r_p99 _ r_bad r_err _ < <(run_wrk "pg-nupkg-relayed" "http://127.0.0.1:$PG$NUPKG")
  stop pg
  start pg "$PG" "$PGDATA" --database "$DB_URL" --storage "$STORAGE" --download-redirect
  SIGNED=$(curl -fsS -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$PG$NUPKG")
  read -r s_rps _ s_p99 _ s_bad _ _ < <(run_wrk "moto-direct" "$SIGNED")
  read -r d_rps _ d_p99 _ d_bad _ _ < <(run_wrk "pg-nupkg-redirect" "http://127.0.0.1:$PG$NUPKG")
  stop pg
  row "nupkg 200 KB from S3, relayed" "$r_rps" "$s_rps" "$(ratio "$r_rps" "$s_rps")" "$(ms "$r_p99")" "$(ms "$s_p99")" ">= 0.5x store" "$(meets "$r_rps >= 0.5 * $s_rps") (errors $r_bad/$r_err)"
  row "nupkg from S3, --download-redirect (302 only)" "$d_rps" "-" "-" "$(ms "$d_p99")" "-" "(recommended)" "-"
  row "push 50 KB sequential, PostgreSQL + S3" "$PG_RATE/s" "-" "-" "-" "-" ">= 50/s" "$(meets "$PG_RATE >= 50") ($PG_FAILED failed, ${PG_SECONDS}s)"
fi

echo
echo "Pallet vs $(nginx -v 2>&1 | sed 's/.*: //') on $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(the reference column is nginx on the same bytes unless the row says otherwise; latencies in ms)"
{
  echo "endpoint|pallet req/s|reference req/s|ratio|pallet p99|ref p99|target|met?|"
  for r in "${ROWS[@]}"; do echo "$r"; done
} | column -t -s '|'
