#!/usr/bin/env bash
# Sequential pushes on both backends (issue 13: >= 100/s embedded, >= 50/s on PostgreSQL + S3), with what one
# push costs: object-store requests per push by method and metadata-store sessions per push by kind, read
# from the server's own /metrics (pallet_object_store_duration_seconds / pallet_store_duration_seconds
# counts and sums, before and after the measured pushes). The same push rows as bench/serve/run.sh, alone.
#
# Usage: nice -n 10 bench/serve/push.sh [--no-build] [--keep] [--skip-s3]
# Knobs: BENCH_PUSHES (200 sequential 50 KB pushes per backend, 10 versions per id), BENCH_ROUNDS (2: the
#   pushes are measured this many times, each on fresh ids, so one run shows its own spread),
#   BENCH_PORT_BASE (21200: embedded, +1 its metrics; +2 PostgreSQL + S3, +3 its metrics), BENCH_PALLET (the
#   binary to measure instead of building .build-release; a debug build still counts requests right).
# Needs: python3, curl; for the S3 rows PostgreSQL + moto (scripts/test-services.sh), psql and python3 boto3.
set -euo pipefail
set -f
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="python3 $ROOT/bench/v3/benchpkg.py"
SCALEPKG="python3 $ROOT/bench/scale/scalepkg.py"
BUILD=1 KEEP=0 S3=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;; --keep) KEEP=1 ;; --skip-s3) S3=0 ;;
    *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
PUSHES=${BENCH_PUSHES:-200}
ROUNDS=${BENCH_ROUNDS:-2}
BASE=${BENCH_PORT_BASE:-21200}
for tool in python3 curl; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

PALLET=${BENCH_PALLET:-$ROOT/.build-release/release/pallet}
if [[ $BUILD == 1 && -z ${BENCH_PALLET:-} ]]; then
  log "building pallet (release, --scratch-path .build-release)"
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 3) >&2
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first" >&2; exit 1; }

WORK="$(mktemp -d /tmp/pallet-push-bench.XXXXXX)"
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

start() {  # name port metrics-port data [flags...]
  local name=$1 port=$2 metrics=$3 data=$4; shift 4
  "$PALLET" serve --data "$data" --host 127.0.0.1 --port "$port" --base-url "http://127.0.0.1:$port" \
    --metrics-address "127.0.0.1:$metrics" "$@" >>"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && return 0
    kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -n 20 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name did not start" >&2; exit 1
}

# The per-push costs between two /metrics snapshots: "S3 requests (PUT/GET/HEAD/DELETE), their summed time,
# store reads, transactions, their summed time", each divided by the pushes.
per_push() {  # before after pushes
  python3 - "$1" "$2" "$3" <<'EOF'
import re, sys
def load(path):
    out = {}
    for line in open(path):
        m = re.match(r'(pallet_(?:object_store|store)_duration_seconds_(?:count|sum))\{(?:method|kind)="([A-Za-z]+)"\} (\S+)', line)
        if m: out[(m.group(1), m.group(2))] = float(m.group(3))
    return out
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
d = lambda name, label: (b.get((name, label), 0.0) - a.get((name, label), 0.0)) / n
methods = ["PUT", "GET", "HEAD", "DELETE"]
s3 = sum(d("pallet_object_store_duration_seconds_count", m) for m in methods)
s3ms = sum(d("pallet_object_store_duration_seconds_sum", m) for m in methods) * 1000
split = "/".join(f"{d('pallet_object_store_duration_seconds_count', m):.1f}" for m in methods)
reads, txs = d("pallet_store_duration_seconds_count", "read"), d("pallet_store_duration_seconds_count", "transaction")
sqlms = (d("pallet_store_duration_seconds_sum", "read") + d("pallet_store_duration_seconds_sum", "transaction")) * 1000
print(f"{s3:.1f} {split} {s3ms:.1f} {reads:.1f} {txs:.1f} {sqlms:.1f}")
EOF
}

ROWS=()
measure() {  # backend url key metrics-port
  local backend=$1 url=$2 key=$3 metrics=$4 round seconds rate failed costs
  for round in $(seq 1 "$ROUNDS"); do
    curl -fsS "http://127.0.0.1:$metrics/metrics" >"$WORK/before.txt"
    read -r _ _ seconds rate failed _ < <($PY push "$url" "$key" --id "Bench.Push.R$round" --ids $((PUSHES / 10)) --versions 10 --size 51200)
    curl -fsS "http://127.0.0.1:$metrics/metrics" >"$WORK/after.txt"
    costs=$(per_push "$WORK/before.txt" "$WORK/after.txt" "$PUSHES")
    log "  $backend round $round: $rate/s ($failed failed, ${seconds}s); per push: $costs"
    ROWS+=("$backend|$round|$rate|$failed|$costs")
  done
}

log "embedded (SQLite + data folder): $ROUNDS x $PUSHES sequential 50 KB pushes"
DATA="$WORK/data"
"$PALLET" admin create-user bench --email bench@example.invalid --data "$DATA" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$DATA" | tail -n 1)
start embedded "$BASE" $((BASE + 1)) "$DATA"
measure embedded "http://127.0.0.1:$BASE" "$KEY" $((BASE + 1))

if [[ $S3 == 1 ]]; then
  export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
  export PALLET_TEST_POSTGRES_URL=${PALLET_TEST_POSTGRES_URL:-postgres://pallet:pallet@127.0.0.1:5433/postgres}
  export PALLET_TEST_S3_ENDPOINT=${PALLET_TEST_S3_ENDPOINT:-http://127.0.0.1:5055}
  STORE="pallet_push_bench_$$"
  read -r _ DB_URL STORAGE _ < <($SCALEPKG create-store "$STORE")
  PGDATA="$WORK/pg-node"
  "$PALLET" admin create-user bench --email bench@example.invalid --data "$PGDATA" --database "$DB_URL" --storage "$STORAGE" >/dev/null
  PGKEY=$("$PALLET" admin create-api-key --user bench --data "$PGDATA" --database "$DB_URL" --storage "$STORAGE" | tail -n 1)
  log "PostgreSQL + S3: $ROUNDS x $PUSHES sequential 50 KB pushes"
  start pg $((BASE + 2)) $((BASE + 3)) "$PGDATA" --database "$DB_URL" --storage "$STORAGE"
  measure "PostgreSQL + S3" "http://127.0.0.1:$((BASE + 2))" "$PGKEY" $((BASE + 3))
fi

echo
echo "sequential 50 KB pushes on one connection, $PUSHES per round; $(nproc) cores; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(per push: object-store requests, split PUT/GET/HEAD/DELETE, their summed ms; store read sessions, transactions, their summed ms)"
{
  echo "backend|round|pushes/s|failed|S3 req|PUT/GET/HEAD/DELETE|S3 ms|SQL reads|SQL txs|SQL ms|target|met?|"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r backend round rate failed costs <<<"$r"
    read -r s3 split s3ms reads txs sqlms <<<"$costs"
    if [[ $backend == embedded ]]; then target=100; else target=50; fi
    met=$(python3 -c "print('yes' if $rate >= $target else 'NO')")
    echo "$backend|$round|$rate|$failed|$s3|$split|$s3ms|$reads|$txs|$sqlms|>= $target/s|$met|"
  done
} | column -t -s '|'
