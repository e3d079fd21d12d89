#!/usr/bin/env bash
# Start-up alone, against a database bench/scale/run.sh --keep left behind: each binary given is started in turn
# (ROUNDS times, interleaved, so both see the same load), and for each start the wall time until /health/ready,
# the server's CPU seconds until then, the database's CPU seconds meanwhile (every process of the cluster,
# exited backends included, when the cluster runs as this user or root can read /proc) and RSS idle are printed.
#
# Usage: bench/scale/startup.sh DATA DB_URL STORAGE PALLET [PALLET...]
#   DATA, DB_URL, STORAGE: the scale node's data folder, database URL and storage URL (run.sh --keep prints the
#   temp folder: DATA is its scale-node/, the URL and storage are in scale.log's first lines or `ps` of a run).
#   DB_URL and STORAGE `-`: the embedded default (SQLite and blobs in DATA), e.g. a bench/v3 data folder.
# Knobs: BENCH_ROUNDS (2), BENCH_PORT (22110), BENCH_PG_DATA (the cluster's data folder, for its CPU; optional).
set -euo pipefail
[[ $# -ge 4 ]] || { sed -n 2,10p "$0" >&2; exit 2; }
DATA=$1 DB_URL=$2 STORAGE=$3; shift 3
ROUNDS=${BENCH_ROUNDS:-2}
STORES=()
[[ $DB_URL == - ]] || STORES+=(--database "$DB_URL")
[[ $STORAGE == - ]] || STORES+=(--storage "$STORAGE")
PORT=${BENCH_PORT:-22110}
BASE_URL="http://feed.bench.invalid"   # run.sh's: another one would re-render every id at start
URL="http://127.0.0.1:$PORT"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCALEPKG="python3 $HERE/scalepkg.py"
LOG="$(mktemp /tmp/pallet-startup.XXXXXX.log)"
PID=""
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -f "$LOG"' EXIT

# CPU seconds of the whole cluster: its live processes and, through the postmaster's cutime/cstime, the exited ones.
pg_cpu() {
  [[ -n ${BENCH_PG_DATA:-} && -r $BENCH_PG_DATA/postmaster.pid ]] || { echo 0; return; }
  python3 - "$(head -n 1 "$BENCH_PG_DATA/postmaster.pid")" <<'EOF'
import os, sys
master = sys.argv[1]
ticks = os.sysconf("SC_CLK_TCK")
def fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
total = 0
m = fields(master)
total += int(m[11]) + int(m[12]) + int(m[13]) + int(m[14])
for pid in os.listdir("/proc"):
    if not pid.isdigit() or pid == master:
        continue
    try:
        f = fields(pid)
    except OSError:
        continue
    if f[1] == master:   # field 4: the parent pid
        total += int(f[11]) + int(f[12])
print(total / ticks)
EOF
}

printf '%-60s %8s %8s %8s %8s %s\n' binary wall_s cpu_s db_cpu_s rss_mb load
for round in $(seq 1 "$ROUNDS"); do
  for pallet in "$@"; do
    db_before=$(pg_cpu)
    started=$EPOCHREALTIME
    "$pallet" serve --data "$DATA" "${STORES[@]}" --host 127.0.0.1 --port "$PORT" --base-url "$BASE_URL" >>"$LOG" 2>&1 &
    PID=$!
    until curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null; do
      kill -0 "$PID" 2>/dev/null || { tail -n 20 "$LOG" >&2; echo "pallet exited" >&2; exit 1; }
      sleep 0.05
    done
    wall=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')")
    cpu=$($SCALEPKG cpu "$PID")
    db=$(python3 -c "print(f'{$(pg_cpu) - $db_before:.1f}')")
    sleep 3
    rss=$($SCALEPKG rss "$PID")
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
    printf '%-60s %8s %8s %8s %8s %s\n' "$pallet" "$wall" "$cpu" "$db" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
