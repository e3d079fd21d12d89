#!/usr/bin/env bash
# Where a start-up's CPU goes: runs one `pallet serve` under `perf record -g` against a database bench/scale/run.sh
# --keep left behind, stops it once /health/ready answers, and writes the top of `perf report` (self and inclusive).
#
# Usage: bench/scale/profile-startup.sh OUT DATA DB_URL STORAGE [PALLET]   (default .build-release/release/pallet)
#   DATA, DB_URL, STORAGE as for bench/scale/startup.sh. Writes OUT (e.g. bench/profiles/startup-1m-after.txt).
# Knobs: BENCH_PORT (22111), PERF_FREQUENCY (999), PERF_DATA (keep perf.data there). Needs perf, python3, curl. Not run by CI.
set -euo pipefail
[[ $# -ge 4 ]] || { sed -n 2,7p "$0" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT=$1 DATA=$2 DB_URL=$3 STORAGE=$4
PALLET=$(readlink -f "${5:-$ROOT/.build-release/release/pallet}")
PORT=${BENCH_PORT:-22111}
URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/pallet-startup-perf.XXXXXX)
PID=""
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"

started=$EPOCHREALTIME
# run.sh's base URL: another one would re-render every id at start.
perf record -F "${PERF_FREQUENCY:-999}" -g -o "$WORK/perf.data" -- "$PALLET" serve --data "$DATA" --database "$DB_URL" \
  --storage "$STORAGE" --host 127.0.0.1 --port "$PORT" --base-url "http://feed.bench.invalid" >"$WORK/serve.log" 2>&1 &
PID=$!
until curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null; do
  kill -0 "$PID" 2>/dev/null || { tail -n 20 "$WORK/serve.log" >&2; echo "pallet exited" >&2; exit 1; }
  sleep 0.05
done
wall=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')")
# perf passes SIGINT on to the server and writes its data when the server has exited.
kill -INT "$PID"; wait "$PID" 2>/dev/null || true; PID=""
{
  echo "# start-up of $(basename "$PALLET") $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) until /health/ready: ${wall} s wall"
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  echo
  echo "## perf report --no-children (self time), top 60"
  perf report -i "$WORK/perf.data" --no-children --stdio --percent-limit 0.4 -g none --sort symbol 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | cut -c1-200 | head -n 60 || true
  echo
  echo "## perf report --children (inclusive time), top 80"
  perf report -i "$WORK/perf.data" --children --stdio --percent-limit 1.5 -g none --sort symbol 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | cut -c1-200 | head -n 80 || true
} >"$OUT"
[[ -n ${PERF_DATA:-} ]] && cp "$WORK/perf.data" "$PERF_DATA"
echo "start-up ${wall} s -> $OUT" >&2
