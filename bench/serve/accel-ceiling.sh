#!/usr/bin/env bash
# The ceiling of the X-Accel-Redirect mode, whatever the backend: nginx in front of an upstream that costs
# nothing (a second nginx server block answering every .nupkg with the X-Accel-Redirect header and no body)
# against nginx serving the same file alone, and against the same front with Pallet as the upstream.
# Issue 13 asks the X-Accel mode for >= 0.95x nginx standalone; this shows how much of that a backend can reach
# at all on this machine: the front's proxying (a request and an answer over a kept-alive upstream connection)
# is paid by every backend, and on 2 shared cores it takes CPU from the sendfile the front does next.
#
# Usage: nice -n 10 bench/serve/accel-ceiling.sh [PALLET]     (PALLET: a release binary; its row is skipped without it)
# Knobs: BENCH_DURATION (8), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_ROUNDS (2), BENCH_SIZES ("204800 4194304"),
#   BENCH_PORT_BASE (20560: nginx alone, +1 front of the null upstream, +2 null upstream, +3 front of Pallet, +4 Pallet).
# Needs: nginx (Debian nginx-light), wrk, curl, python3. Not run by CI. See bench/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LUA="$ROOT/bench/v3/report.lua"
PALLET=${1:-}
DURATION=${BENCH_DURATION:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-2}
SIZES=${BENCH_SIZES:-"204800 4194304"}
BASE=${BENCH_PORT_BASE:-20560}
ALONE=$BASE FRONT=$((BASE + 1)) NULL=$((BASE + 2)) PFRONT=$((BASE + 3)) PPORT=$((BASE + 4))
for tool in nginx wrk curl python3; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

WORK="$(mktemp -d /tmp/pallet-accel-ceiling.XXXXXX)"
chmod 755 "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/static" "$WORK/wrk"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The blobs: Pallet's own data folder when Pallet is measured (it pushes them), else files laid out as Pallet does.
PY="python3 $ROOT/bench/v3/benchpkg.py"
if [[ -n $PALLET ]]; then
  DATA="$WORK/data"
  "$PALLET" admin create-user bench --email bench@example.invalid --data "$DATA" >/dev/null
  KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -n 1)
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PPORT" --base-url "http://127.0.0.1:$PPORT" \
    --accel-redirect-prefix /_blobs/ >"$WORK/pallet.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:$PPORT/health/ready" 2>/dev/null && break; sleep 0.1; done
  for size in $SIZES; do $PY push "http://127.0.0.1:$PPORT" "$KEY" --id "Bench.Size$size" --size "$size" >/dev/null; done
  BLOBS="$DATA/blobs"
else
  BLOBS="$WORK/blobs"
  for size in $SIZES; do
    mkdir -p "$BLOBS/packages/bench.size$size/1.0.0"
    head -c "$size" /dev/urandom >"$BLOBS/packages/bench.size$size/1.0.0/bench.size$size.1.0.0.nupkg"
  done
fi

. "$HERE/nginx-conf.sh"
PALLET_FRONT=""
[[ -n $PALLET ]] && PALLET_FRONT="  upstream pallet { server 127.0.0.1:$PPORT; keepalive 64; }
  server {
    listen 127.0.0.1:$PFRONT;
    location /_blobs/ { internal; alias $BLOBS/; }
    location / { proxy_pass http://pallet; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; }
  }
"
nginx_conf "$WORK" "$ALONE" "$BLOBS" 8192 "  upstream null { server 127.0.0.1:$NULL; keepalive 64; }
  server {
    listen 127.0.0.1:$FRONT;
    location /_blobs/ { internal; alias $BLOBS/; }
    location / { proxy_pass http://null; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; }
  }
  server {
    listen 127.0.0.1:$NULL;
    keepalive_requests 1000000;
    location ~ ^/v3/flat/([^/]+)/([^/]+)/([^/]+\\.nupkg)\$ {
      add_header X-Accel-Redirect /_blobs/packages/\$1/\$2/\$3;
      return 200 \"\";
    }
  }
$PALLET_FRONT" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS+=($!)
FIRST=${SIZES%% *}
PATH1="/v3/flat/bench.size$FIRST/1.0.0/bench.size$FIRST.1.0.0.nupkg"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$ALONE$PATH1" 2>/dev/null && break; sleep 0.1; done

run_wrk() {  # name url -> "rps p99us"
  local name=$1 url=$2 line
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$WORK/wrk/$name.txt" 2>&1 || true
  line=$(grep '^RESULT ' "$WORK/wrk/$name.txt" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"
  log "  $name: $line"
  read -r _ rps _ p99 _ bad err _ <<<"$line"
  (( bad + err > 0 )) && log "  $name: $bad non-2xx, $err socket errors"
  echo "$rps $p99"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 > 0 else 'n/a')"; }

same() {  # path port: the same bytes as nginx alone?
  [[ $(curl -fsS "http://127.0.0.1:$ALONE$1" | sha256sum) == $(curl -fsS "http://127.0.0.1:$2$1" | sha256sum) ]] && echo same || echo DIFFERENT
}

ROWS=()
for round in $(seq 1 "$ROUNDS"); do
  for size in $SIZES; do
    path="/v3/flat/bench.size$size/1.0.0/bench.size$size.1.0.0.nupkg"
    label="$((size / 1024)) KB"
    log "round $round, $label"
    read -r a_rps _ < <(run_wrk "alone-$size-$round" "http://127.0.0.1:$ALONE$path")
    read -r n_rps _ < <(run_wrk "null-$size-$round" "http://127.0.0.1:$FRONT$path")
    row="$round|$label|$a_rps|$n_rps|$(ratio "$n_rps" "$a_rps") ($(same "$path" "$FRONT"))"
    if [[ -n $PALLET ]]; then
      read -r p_rps _ < <(run_wrk "pallet-$size-$round" "http://127.0.0.1:$PFRONT$path")
      row="$row|$p_rps|$(ratio "$p_rps" "$a_rps") ($(same "$path" "$PFRONT"))|$(ratio "$p_rps" "$n_rps")"
    else
      row="$row|-|-|-"
    fi
    ROWS+=("$row")
  done
done

echo "X-Accel-Redirect ceiling on $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(req/s; 'null upstream' = nginx in front of an upstream that answers the header and nothing else)"
{
  echo "round|nupkg|nginx alone|front + null upstream|null / alone|front + Pallet|Pallet / alone|Pallet / null"
  printf '%s\n' "${ROWS[@]}"
} | column -t -s '|'
