#!/usr/bin/env bash
# Overload (issue 13): more connections than the node can serve, on an endpoint whose every request costs real
# work (a search the answer cache has not seen, ranking 10,000 ids × 10 versions), with the request limit on
# (the defaults, 128 in flight + 256 queued) and off (--max-in-flight 0). Prints, for each: req/s, answers by
# status (2xx, 503, other), socket errors, p50/p99 of all answers (wrk), and p50/p99 of the *accepted* answers
# of one more client measuring alongside (bench/overload/probe.py): what a request let in waits.
#
# Usage: bench/overload/run.sh [PALLET_BINARY]   (default: builds release into .build-release)
# Knobs: BENCH_OVERLOAD_CONNECTIONS (1024), BENCH_DURATION (15 s per run), BENCH_THREADS (2),
#   BENCH_SEARCH_IDS (10000), BENCH_SEARCH_VERSIONS (10), BENCH_PORT (a free port), BENCH_LIMITS (extra
#   `--max-in-flight N --max-queued M` runs besides the defaults, e.g. "8,16 32,64").
# Needs: python3, curl, wrk, bc. Not run by CI. See bench/README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CONNECTIONS=${BENCH_OVERLOAD_CONNECTIONS:-1024}
DURATION=${BENCH_DURATION:-15}
THREADS=${BENCH_THREADS:-2}
IDS=${BENCH_SEARCH_IDS:-10000}
VERSIONS=${BENCH_SEARCH_VERSIONS:-10}
PY="python3 $ROOT/bench/v3/benchpkg.py"
export PATH="/opt/swift/usr/bin:$PATH"
for tool in python3 curl wrk; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

if [ $# -ge 1 ]; then
  PALLET=$(readlink -f "$1")
else
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 2)
  PALLET="$ROOT/.build-release/release/pallet"
fi
DATA=$(mktemp -d "${TMPDIR:-/tmp}/pallet-overload-bench.XXXXXX")
PORT=${BENCH_PORT:-$($PY free-port)}
URL="http://127.0.0.1:$PORT"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

start() {
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" --base-url "$URL" "$@" >>"$DATA/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 1200); do curl -fsS "$URL/health/ready" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "pallet did not start"; cat "$DATA/serve.log"; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

"$PALLET" admin create-user bench --email bench@example.com --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -1)
start
$PY push "$URL" "$KEY" --id Bench.Overload.P0 --versions 1 --size 2048 >/dev/null
stop
read -r _ CLONED _ < <($PY clone "$DATA/pallet.sqlite" --ids "$IDS" --versions "$VERSIONS")
echo "corpus: $CLONED versions; $CONNECTIONS connections, wrk -t$THREADS -d${DURATION}s; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # label [serve flags...]
  local label=$1; shift
  start "$@"
  # One search first, so the index is warm and the process settled.
  curl -fsS "$URL/v3/query?q=json" >/dev/null
  python3 "$HERE/probe.py" 127.0.0.1 "$PORT" "$((DURATION - 2))" >"$DATA/probe.txt" &
  local probe=$!
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s -s "$HERE/search.lua" "$URL/" 2>&1 || true)
  wait "$probe" || true
  stop
  read -r _ rps p50 p99 total ok busy other errors < <(grep '^RESULT ' <<<"$out" || echo "RESULT 0 0 0 0 0 0 0 0")
  read -r _ accepted refused a50 a99 < <(cat "$DATA/probe.txt" 2>/dev/null || echo "PROBE 0 0 0 0")
  printf '%-34s %8s %7s %7s %6s %7s %9s %9s %11s %11s\n' "$label" "$rps" "$ok" "$busy" "$other" "$errors" \
    "$(echo "scale=1; $p50 / 1000" | bc)" "$(echo "scale=1; $p99 / 1000" | bc)" "$a50 ($accepted)" "$a99 ($refused 503)"
}
printf '%-34s %8s %7s %7s %6s %7s %9s %9s %11s %11s\n' "server" "req/s" "2xx" "503" "other" "sockerr" "p50 ms" "p99 ms" "probe p50" "probe p99"
run "limit on (128 in flight + 256 queued)"
for limit in ${BENCH_LIMITS:-}; do
  run "limit ${limit%,*} in flight + ${limit#*,} queued" --max-in-flight "${limit%,*}" --max-queued "${limit#*,}"
done
run "limit off (--max-in-flight 0)" --max-in-flight 0
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(p50/p99: every answer wrk got, 503s included; probe: one more client's accepted answers, with how many it"
echo " got and how many 503s it was told to retry)"
