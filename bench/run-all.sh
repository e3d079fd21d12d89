#!/usr/bin/env bash
# Runs every benchmark present (bench/*/run.sh) one after the other and writes their figures, with the
# date, the commit and the machine's load before and after each, into bench/RESULTS.md.
#
# Usage: nice -n 10 bench/run-all.sh [--no-build] [--only NAME[,NAME…]] [--skip NAME[,NAME…]] [--out FILE]
#   --no-build   use the existing .build-release/release/pallet (otherwise built once, up front)
#   --only/--skip  bench folder names (v3, scale, serve, web, v2, search, …)
#   --out        where to write (default bench/RESULTS.md)
# Each script keeps its own knobs (see its header and bench/README.md). Needs what the scripts need:
#   apt-get install -y nginx-light wrk curl python3 valgrind  (Debian); PostgreSQL + moto for bench/scale
#   (scripts/test-services.sh). Not run by CI: the figures depend on the machine and what else it does.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD=1 ONLY="" SKIP="" OUT="$HERE/RESULTS.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --only) ONLY=",$2,"; shift ;;
    --skip) SKIP=",$2,"; shift ;;
    --out) OUT="$2"; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
export PATH="/opt/swift/usr/bin:$PATH"
PALLET="$ROOT/.build-release/release/pallet"
if [[ $BUILD == 1 ]]; then
  echo "building pallet (release, --scratch-path .build-release)" >&2
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 3) >&2 || exit 1
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first or drop --no-build" >&2; exit 1; }

# How each known script is told to use the binary built above; others run with no arguments.
args_for() {
  case "$1" in
    v3) echo "--no-build --accel" ;;
    scale) echo "--no-build" ;;
    serve) echo "--no-build" ;;
    web|v2|overload) echo "$PALLET" ;;
    *) echo "" ;;
  esac
}

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (plus uncommitted changes)" || true)
TMP=$(mktemp)
trap 'rm -f "$TMP"' EXIT
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run-all.sh\`; rerun it rather than editing by hand. The figures depend on the"
  echo "machine and on what else it was doing: read the ratios beside their references, and the load."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Commit: $COMMIT$DIRTY"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- Tools: $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(swift --version 2>/dev/null | head -n 1)"
  echo "- Load before: $(uptime | sed 's/.*load average: //')"
} >"$TMP"

status=0
for script in "$HERE"/*/run.sh; do
  name=$(basename "$(dirname "$script")")
  [[ -n $ONLY && $ONLY != *",$name,"* ]] && continue
  [[ -n $SKIP && $SKIP == *",$name,"* ]] && continue
  echo "== bench/$name" >&2
  before=$(uptime | sed 's/.*load average: //')
  started=$(date +%s)
  # shellcheck disable=SC2046
  output=$(cd "$ROOT" && bash "$script" $(args_for "$name") 2>&1)
  code=$?
  [[ $code != 0 ]] && status=1
  {
    echo
    echo "## bench/$name"
    echo
    echo "\`bench/$name/run.sh $(args_for "$name" | sed "s|$ROOT/||")\`: exit $code, $(( $(date +%s) - started )) s;"
    echo "load before $before, after $(uptime | sed 's/.*load average: //')."
    echo
    echo '```'
    # The figures: each script's report (its last lines), without the progress log above it.
    printf '%s\n' "$output" | grep -v '^\[[0-9:]*\] ' | tail -n 80
    echo '```'
  } >>"$TMP"
  printf '%s\n' "$output" | tail -n 40 >&2
done
cp "$TMP" "$OUT"
echo "wrote $OUT" >&2
exit $status
