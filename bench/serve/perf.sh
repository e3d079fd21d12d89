#!/usr/bin/env bash
# Where a request's CPU goes on the hottest read path, sampled by perf(1) while wrk hits one URL (faster than
# profile.sh's callgrind, and it sees the kernel too). Starts a release `pallet serve` on a fresh data folder,
# pushes a package with 20 versions (and a 200 KB one), warms up, then records `perf record -g` on the server for
# the length of one wrk run per path and writes the top of `perf report` (children and self) per path.
#
# Usage: bench/serve/perf.sh OUT_PREFIX [PALLET_BINARY]   (default .build-release/release/pallet)
#   writes OUT_PREFIX-<path>.txt (e.g. bench/profiles/before-flat.txt)
# Knobs: BENCH_PORT_BASE (20500; uses +20), BENCH_DURATION (5), BENCH_CONNECTIONS (32), PERF_PATHS
#   ("flat flat-gzip flat-404 registration nupkg"). Needs perf, wrk, python3, curl. Not run by CI.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT=${1:?usage: $0 OUT_PREFIX [PALLET_BINARY]}
PALLET=$(readlink -f "${2:-$ROOT/.build-release/release/pallet}")
PORT=$(( ${BENCH_PORT_BASE:-20500} + 20 ))
DURATION=${BENCH_DURATION:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PATHS=${PERF_PATHS:-"flat flat-gzip flat-404 registration nupkg"}
URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/pallet-perf.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"

"$PALLET" admin create-user perf --email perf@example.invalid --data "$WORK/data" >/dev/null
KEY=$("$PALLET" admin create-api-key --user perf --data "$WORK/data" | tail -n 1)
"$PALLET" serve --data "$WORK/data" --host 127.0.0.1 --port "$PORT" >"$WORK/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null && break; sleep 0.1; done
python3 "$ROOT/bench/v3/benchpkg.py" push "$URL" "$KEY" --id Perf.Pkg --versions 20 --size 2048 >/dev/null
python3 "$ROOT/bench/v3/benchpkg.py" push "$URL" "$KEY" --id Perf.Big --size 204800 >/dev/null

for name in $PATHS; do
  header=""
  case "$name" in
    flat) path=/v3/flat/perf.pkg/index.json ;;
    flat-gzip) path=/v3/flat/perf.pkg/index.json; header="Accept-Encoding: gzip" ;;
    flat-404) path=/v3/flat/no.such.id/index.json ;;
    registration) path=/v3/registration/perf.pkg/index.json ;;
    service-index) path=/v3/index.json ;;
    nupkg) path=/v3/flat/perf.big/1.0.0/perf.big.1.0.0.nupkg ;;
    *) echo "unknown path $name" >&2; exit 2 ;;
  esac
  args=(-t2 -c"$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d1s "$URL$path" >/dev/null  # warm-up (caches, the 404 remembered)
  perf record -F 999 -g -p "$server" -o "$WORK/perf.data" -- sleep "$DURATION" >/dev/null 2>&1 &
  recorder=$!
  wrk "${args[@]}" -d"${DURATION}s" "$URL$path" >"$WORK/wrk.txt"
  wait "$recorder" || true
  {
    echo "# $name: GET $path ${header:+($header)}; $(basename "$PALLET") $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    grep -E 'Requests/sec|Latency  ' "$WORK/wrk.txt" | sed 's/^/# wrk: /'
    echo
    echo "## perf report --no-children (self time), top 60"
    perf report -i "$WORK/perf.data" --no-children --stdio --percent-limit 0.4 -g none --sort symbol 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | cut -c1-200 | head -n 60 || true
    echo
    echo "## perf report --children (inclusive time), top 80"
    perf report -i "$WORK/perf.data" --children --stdio --percent-limit 1.5 -g none --sort symbol 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | cut -c1-200 | head -n 80 || true
  } >"$OUT-$name.txt"
  echo "$name: $(grep 'Requests/sec' "$WORK/wrk.txt")  -> $OUT-$name.txt" >&2
done
