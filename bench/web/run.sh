#!/usr/bin/env bash
# Web gallery page latency at 10k packages / 100k versions (issues 13/14: every page in < 20 ms p99),
# anonymous and signed in as the owner of every id.
#
# Starts `pallet serve` on a temp data folder, pushes one package, stops it, fills the SQLite store with
# bench/v3's deterministic search corpus (`benchpkg.py clone`: 10,000 ids × 10 versions), restarts it
# and times each page shape over one keep-alive connection (measure.py).
# Usage: bench/web/run.sh [PALLET_BINARY] (default: builds release into .build-release, like bench/v3)
# Knobs: BENCH_SEARCH_IDS (10000), BENCH_SEARCH_VERSIONS (10), BENCH_ITERATIONS (300), BENCH_PORT (a free one),
#   BENCH_SHAPES (only these page shapes, comma-separated names as measure.py prints them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IDS=${BENCH_SEARCH_IDS:-10000}
VERSIONS=${BENCH_SEARCH_VERSIONS:-10}
ITERATIONS=${BENCH_ITERATIONS:-300}
PY="python3 $ROOT/bench/v3/benchpkg.py"
export PATH="/opt/swift/usr/bin:$PATH"

if [ $# -ge 1 ]; then
  PALLET=$(readlink -f "$1")
else
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 2)
  PALLET="$ROOT/.build-release/release/pallet"
fi
DATA=$(mktemp -d "${TMPDIR:-/tmp}/pallet-web-bench.XXXXXX")
PORT=${BENCH_PORT:-$($PY free-port)}
URL="http://127.0.0.1:$PORT"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

start() {
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" --base-url "$URL" >>"$DATA/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fsS "$URL/health/ready" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "pallet did not start"; cat "$DATA/serve.log"; exit 1
}

# A password, so measure.py can sign in and time the owner's pages (the bench user owns every cloned id).
echo "bench-password-1" | "$PALLET" admin create-user bench --email bench@example.com --password-stdin --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -1)
start
$PY push "$URL" "$KEY" --id Bench.Web.P0 --versions 1 --size 2048 >/dev/null
kill "$server"; wait "$server" 2>/dev/null || true
read -r _ CLONED CLONE_SECONDS < <($PY clone "$DATA/pallet.sqlite" --ids "$IDS" --versions "$VERSIONS")
echo "corpus: $CLONED versions cloned in ${CLONE_SECONDS}s"
started=$(date +%s.%N)
start
echo "restart with the corpus: $(echo "$(date +%s.%N) - $started" | bc) s"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$ROOT/bench/web/measure.py" "$URL" "$IDS" "$ITERATIONS" bench-password-1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS after: $(grep VmRSS /proc/$server/status | awk '{print $2/1024 " MB"}')"
