#!/usr/bin/env bash
# Server CPU per request (and req/s) of two Pallet binaries and nginx on the documents, measured interleaved:
# all three run at once, and every round measures each endpoint on A, B and nginx one right after the other,
# so a change in the machine's load hits the three alike. Prints per endpoint the median over the rounds of
# each, and the medians of the per-round ratios (CPU: A/nginx, B/nginx, A/B; req/s: A:nginx, B:nginx, as
# run.sh's ratio). cpu.sh measures one binary's rows, then the other's, a minute apart: on a shared machine
# its ratios move by ±20 % from run to run.
#
# Usage: bench/serve/cpu-ab.sh BINARY_A BINARY_B   (say a branch's release build and main's)
# Knobs: BENCH_PORT_BASE (20500; uses +40..+42), BENCH_ROUNDS (5), BENCH_DURATION (3 s per measurement),
#   BENCH_CONNECTIONS (32). Needs nginx, wrk, python3, curl. Not run by CI.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
A=$(readlink -f "${1:?usage: $0 BINARY_A BINARY_B}")
B=$(readlink -f "${2:?usage: $0 BINARY_A BINARY_B}")
BASE=$(( ${BENCH_PORT_BASE:-20500} + 40 ))
PA=$BASE PB=$((BASE + 1)) NGX=$((BASE + 2))
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_DURATION:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WORK=$(mktemp -d /tmp/pallet-cpu-ab.XXXXXX)
chmod 755 "$WORK"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ticks() {  # utime+stime (clock ticks) of the given pids
  local total=0 pid
  for pid in "$@"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$total"
}

measure() {  # url header pids... -> "µs-of-CPU-per-request req/s"
  local url=$1 header=$2; shift 2
  local before after out requests rps
  local args=(-t2 -c"$CONNECTIONS")
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d1s "$url" >/dev/null  # warm-up: caches, the gzip body, the 404 remembered
  before=$(ticks "$@")
  out=$(wrk "${args[@]}" -d"${DURATION}s" "$url")
  after=$(ticks "$@")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  python3 -c "print(f'{($after - $before) * 1e6 / $(getconf CLK_TCK) / $requests:.2f},{float($rps):.0f}')"
}

serve() {  # binary port data -> pid
  "$1" serve --data "$3" --host 127.0.0.1 --port "$2" --base-url "http://127.0.0.1:$2" >>"$WORK/serve.log" 2>&1 &
  echo $!
}
ready() { for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return 0; sleep 0.1; done; echo "$1 did not start" >&2; exit 1; }

# One data folder each (the same pushes), so neither server reads the other's files.
for side in a b; do
  "$A" admin create-user cpu --email cpu@example.invalid --data "$WORK/$side" >/dev/null
  key=$("$A" admin create-api-key --user cpu --data "$WORK/$side" | tail -n 1)
  port=$([ $side == a ] && echo "$PA" || echo "$PB")
  binary=$([ $side == a ] && echo "$A" || echo "$B")
  pid=$(serve "$binary" "$port" "$WORK/$side")
  pids+=("$pid")
  eval "PID_$side=$pid"
  ready "http://127.0.0.1:$port"
  python3 "$ROOT/bench/v3/benchpkg.py" push "http://127.0.0.1:$port" "$key" --id Cpu.Pkg --versions 20 --size 2048 >/dev/null
done

SERVICE=/v3/index.json FLAT=/v3/flat/cpu.pkg/index.json REG=/v3/registration/cpu.pkg/index.json MISSING=/v3/flat/no.such.id/index.json
for path in $SERVICE $FLAT $REG; do
  mkdir -p "$WORK/static$(dirname "$path")"
  curl -fsS "http://127.0.0.1:$PA$path" -o "$WORK/static$path"
  curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PA$path" -o "$WORK/static$path.gz"
done
mkdir -p "$WORK/nginx/tmp"
. "$HERE/nginx-conf.sh"
nginx_conf "$WORK" "$NGX" "$WORK/a/blobs" 4096 >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
nginx=$!
pids+=("$nginx")
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGX$SERVICE" 2>/dev/null && break; sleep 0.1; done
NGINX_PIDS=$(pgrep -P "$nginx" | tr '\n' ' ')

ROWS=("service index|$SERVICE|" "service index, gzip|$SERVICE|Accept-Encoding: gzip" "flat index|$FLAT|"
  "flat index, gzip|$FLAT|Accept-Encoding: gzip" "registration index|$REG|" "registration index, gzip|$REG|Accept-Encoding: gzip"
  "flat index 404 (unknown id)|$MISSING|")
RESULTS="$WORK/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label path header <<<"$row"
    a=$(measure "http://127.0.0.1:$PA$path" "$header" "$PID_a")
    b=$(measure "http://127.0.0.1:$PB$path" "$header" "$PID_b")
    if [[ $path == "$MISSING" ]]; then
      # nginx has no such answer: the reference is the same binary's flat-index hit, measured right after.
      n=$(measure "http://127.0.0.1:$PA$FLAT" "" "$PID_a")
      nb=$(measure "http://127.0.0.1:$PB$FLAT" "" "$PID_b")
    else
      # shellcheck disable=SC2086
      n=$(measure "http://127.0.0.1:$NGX$path" "$header" $NGINX_PIDS)
      nb=$n
    fi
    echo "$label|$a|$b|$n|$nb" >>"$RESULTS"
  done
  echo "round $round of $ROUNDS done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done

echo "server CPU µs per request, median of $ROUNDS interleaved rounds; wrk -t2 -c$CONNECTIONS -d${DURATION}s; $(nproc) cores; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A: $A"
echo "B: $B"
python3 - "$RESULTS" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, *cells = line.strip().split("|")
    rows.setdefault(label, []).append([tuple(float(x) for x in cell.split(",")) for cell in cells])
med = statistics.median
print("CPU µs per request (lower is better); req/s ratios (higher is better), each the median of per-round ratios")
print(f"{'endpoint':<30}{'A µs':>7}{'B µs':>7}{'ref µs':>7}{'A/ref':>7}{'B/ref':>7}{'A/B':>7} |{'A req/s':>9}{'ref req/s':>10}{'A:ref':>7}{'B:ref':>7}")
for label, values in rows.items():
    a = med([v[0][0] for v in values]); b = med([v[1][0] for v in values]); n = med([v[2][0] for v in values])
    ra = med([v[0][0] / v[2][0] for v in values]); rb = med([v[1][0] / v[3][0] for v in values]); rab = med([v[0][0] / v[1][0] for v in values])
    qa = med([v[0][1] for v in values]); qn = med([v[2][1] for v in values])
    pa = med([v[0][1] / v[2][1] for v in values]); pb = med([v[1][1] / v[3][1] for v in values])
    print(f"{label:<30}{a:>7.2f}{b:>7.2f}{n:>7.2f}{ra:>7.2f}{rb:>7.2f}{rab:>7.2f} |{qa:>9.0f}{qn:>10.0f}{pa:>7.2f}{pb:>7.2f}")
print("ref: nginx on the same bytes; for the 404 row, each binary's own flat-index hit measured right after it")
PY
