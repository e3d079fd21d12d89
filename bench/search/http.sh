#!/usr/bin/env bash
# Search and autocomplete over HTTP at 10k packages / 100k versions: p50/p99 per query shape at 32
# connections (and on one connection) beside the target (p99 < 10 ms), on a release build.
#
# Usage: nice -n 10 bench/search/http.sh [--no-build] [--keep]
#   --no-build  use the existing $BENCH_PALLET or .build-release-scale/release/pallet
# Knobs: BENCH_DURATION (s per wrk run, 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
#   BENCH_SEARCH_IDS (10000) x BENCH_SEARCH_VERSIONS (10), BENCH_PORT (20610), BENCH_SCRATCH (.build-release-scale).
# The corpus is bench/v3's (benchpkg.py): a few real pushes, then the rest cloned straight into SQLite.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="python3 $ROOT/bench/v3/benchpkg.py"
LUA="$ROOT/bench/v3/report.lua"
BUILD=1 KEEP=0
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
IDS=${BENCH_SEARCH_IDS:-10000}
VERSIONS=${BENCH_SEARCH_VERSIONS:-10}
PORT=${BENCH_PORT:-20610}
SCRATCH=${BENCH_SCRATCH:-.build-release-scale}
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
for tool in python3 curl wrk; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

PALLET="${BENCH_PALLET:-$ROOT/$SCRATCH/release/pallet}"
if [[ $BUILD == 1 && -z ${BENCH_PALLET:-} ]]; then
  log "building pallet (release, --scratch-path $SCRATCH)"
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path "$SCRATCH" 2>&1 | tail -n 3) >&2
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first" >&2; exit 1; }

WORK="$(mktemp -d /tmp/pallet-search-http.XXXXXX)"
DATA="$WORK/data"
mkdir -p "$WORK/wrk"
PID=""
cleanup() {
  local status=$?
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  if [[ $KEEP == 1 || $status != 0 ]]; then echo "temp folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
URL="http://127.0.0.1:$PORT"

start() {
  local started=$EPOCHREALTIME
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" --base-url "$URL" >>"$WORK/pallet.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null; then
      STARTUP=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')"); return 0
    fi
    kill -0 "$PID" 2>/dev/null || { tail -n 20 "$WORK/pallet.log" >&2; echo "pallet exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "pallet did not become ready" >&2; exit 1
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }

"$PALLET" admin create-user bench --email bench@example.invalid --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -n 1)
start
log "pushing a few corpus versions, then cloning the rest of $IDS x $VERSIONS into SQLite"
$PY fill "$URL" "$KEY" --ids "$IDS" --versions "$VERSIONS" --workers 2 --seconds 15 >/dev/null
stop
read -r _ CLONED CLONE_SECONDS < <($PY clone "$DATA/pallet.sqlite" --ids "$IDS" --versions "$VERSIONS")
start
sleep 2
log "ready in ${STARTUP}s with the corpus (+$CLONED cloned in ${CLONE_SECONDS}s)"

run_wrk() {  # name url connections -> "rps p50us p99us requests bad errors bytes/s"
  local threads=$THREADS; (( $3 < threads )) && threads=$3
  wrk -t"$threads" -c"$3" -d"${DURATION}s" --latency -s "$LUA" "$2" >"$WORK/wrk/$1.txt" 2>&1 || true
  local line; line=$(grep '^RESULT ' "$WORK/wrk/$1.txt" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"
  echo "${line#RESULT }"
}
ms() { python3 -c "print(f'{$1 / 1000:.2f}')"; }

ROWS=("shape|hits/page|c$CONNECTIONS req/s|c$CONNECTIONS p50|c$CONNECTIONS p99|c1 p50|c1 p99|target|met?|")
shapes() {
  $PY queries --ids "$IDS" | while IFS=$'\t' read -r name query; do printf 'search %s\t/v3/query?%s&take=20\n' "$name" "$query"; done
  printf 'search one-term by downloads, skip 200\t/v3/query?q=json&skip=200&take=20\n'
  printf 'autocomplete ids\t/v3/autocomplete?q=json&take=20\n'
  printf 'autocomplete ids, empty\t/v3/autocomplete?q=&take=20\n'
  printf 'autocomplete versions\t/v3/autocomplete?id=%s&prerelease=true\n' "$(python3 -c "import sys; sys.path.insert(0, '$ROOT/bench/v3'); from benchpkg import corpus_id; print(corpus_id(4321))")"
}
while IFS=$'\t' read -r name path; do
  url="$URL$path"
  hits=$(curl -fsS "$url" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d.get('totalHits', '-'), len(d['data']))" 2>/dev/null || echo "error")
  read -r rps p50 p99 _ bad err _ < <(run_wrk "c-$name" "$url" "$CONNECTIONS")
  read -r _ o50 o99 _ _ _ _ < <(run_wrk "1-$name" "$url" 1)
  met=$(python3 -c "print('yes' if 0 < $p99 < 10000 else 'NO')"); (( bad + err > 0 )) && met="$met (errors $bad/$err)"
  log "$name: $rps req/s, p99 $(ms "$p99") ms"
  ROWS+=("$name|${hits// //}|$rps|$(ms "$p50")|$(ms "$p99")|$(ms "$o50")|$(ms "$o99")|p99 < 10 ms|$met|")
done < <(shapes)

echo
echo "Pallet $("$PALLET" --version 2>/dev/null || echo '?') on $(nproc) cores; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$IDS ids x $VERSIONS versions; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s and -c1; latencies in ms; start-up ${STARTUP}s"
printf '%s\n' "${ROWS[@]}" | column -t -s '|'
