#!/usr/bin/env bash
# Search and autocomplete over HTTP at 10k packages / 100k versions: p50/p99 per query shape at 32
# connections (and on one connection) beside the target (p99 < 10 ms), on a release build.
#
# Rows "same query, cached": wrk repeats one URL, so after the first request every answer comes from
# SearchAnswerCache (a popular query between two writes). Rows "distinct": every request a different query
# (distinct.lua: words, word pairs, typed prefixes, pages, prerelease/SemVer variants; ids typed into
# autocomplete), so nearly every answer is computed. Row "popular, index changing": 24 popular queries while
# churn.py pushes a version every BENCH_CHURN_MS (each push makes every cached answer stale). Rows "restore": an
# id's V3 flat index beside the V2 reads of old clients (FindPackagesById, Packages(Id,Version)).
# Each row also prints the server's CPU per request (utime+stime of the process over the c32 run) and the share of
# search answers served from the cache (the server's /metrics).
#
# Usage: nice -n 10 bench/search/http.sh [--no-build] [--keep]
#   --no-build  use the existing $BENCH_PALLET or .build-release-scale/release/pallet
# Knobs: BENCH_DURATION (s per wrk run, 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
#   BENCH_SEARCH_IDS (10000) x BENCH_SEARCH_VERSIONS (10), BENCH_PORT (20610; +1 for /metrics),
#   BENCH_SCRATCH (.build-release-scale), BENCH_CHURN_MS (250), BENCH_ONLY (a regex of row names to run),
#   BENCH_PERF (a folder: `perf record -g` on the server during each c32 run, the top of its report per row there).
# The corpus is bench/v3's (benchpkg.py): a few real pushes, then the rest cloned straight into SQLite.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="python3 $ROOT/bench/v3/benchpkg.py"
LUA="$ROOT/bench/v3/report.lua"
DISTINCT="$HERE/distinct.lua"
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
CHURN_MS=${BENCH_CHURN_MS:-250}
ONLY=${BENCH_ONLY:-.}
METRICS=$((PORT + 1))
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
PID="" CHURN=""
cleanup() {
  local status=$?
  [[ -n $CHURN ]] && kill "$CHURN" 2>/dev/null && wait "$CHURN" 2>/dev/null
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  if [[ $KEEP == 1 || $status != 0 ]]; then echo "temp folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
URL="http://127.0.0.1:$PORT"

start() {
  local started=$EPOCHREALTIME
  "$PALLET" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" --base-url "$URL" \
    --metrics-address "127.0.0.1:$METRICS" >>"$WORK/pallet.log" 2>&1 &
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
RESTORE_ID=Bench.Restore
$PY push "$URL" "$KEY" --id "$RESTORE_ID" --versions 10 --size 20000 >/dev/null
log "pushing a few corpus versions, then cloning the rest of $IDS x $VERSIONS into SQLite"
$PY fill "$URL" "$KEY" --ids "$IDS" --versions "$VERSIONS" --workers 2 --seconds 15 >/dev/null
stop
read -r _ CLONED CLONE_SECONDS < <($PY clone "$DATA/pallet.sqlite" --ids "$IDS" --versions "$VERSIONS")
start
sleep 2
log "ready in ${STARTUP}s with the corpus (+$CLONED cloned in ${CLONE_SECONDS}s)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
cache_counts() {  # -> "hits misses" of the search answer cache, then of the kept hit entries (SearchHitFragments)
  curl -fsS "http://127.0.0.1:$METRICS/metrics" | awk '
    /^pallet_cache_hits_total\{.*cache="search"/ {h=$NF} /^pallet_cache_misses_total\{.*cache="search"/ {m=$NF}
    /^pallet_cache_hits_total\{.*cache="search_hits"/ {eh=$NF} /^pallet_cache_misses_total\{.*cache="search_hits"/ {em=$NF}
    END {printf "%d %d %d %d\n", h, m, eh, em}'
}
run_wrk() {  # name url connections [lua-mode] -> "rps p50us p99us requests bad errors bytes/s"
  local threads=$THREADS; (( $3 < threads )) && threads=$3
  local script=(-s "$LUA")
  [[ -n ${4:-} ]] && script=(-s "$DISTINCT" "$2" -- "$4")
  [[ -n ${4:-} ]] || script+=("$2")
  wrk -t"$threads" -c"$3" -d"${DURATION}s" --latency "${script[@]}" >"$WORK/wrk/$1.txt" 2>&1 || true
  local line; line=$(grep '^RESULT ' "$WORK/wrk/$1.txt" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"
  echo "${line#RESULT }"
}
ms() { python3 -c "print(f'{$1 / 1000:.2f}')"; }
TICK=$(getconf CLK_TCK)

ROWS=("shape|hits/page|c$CONNECTIONS req/s|c$CONNECTIONS p50|c$CONNECTIONS p99|c1 p50|c1 p99|CPU us/req|cached|hits kept|target|met?|")
# name <TAB> path <TAB> lua mode (empty: wrk repeats the path) <TAB> churn (1: push meanwhile)
shapes() {
  $PY queries --ids "$IDS" | while IFS=$'\t' read -r name query; do
    printf 'search %s, same query, cached\t/v3/query?%s&take=20\t\t\n' "$name" "$query"
  done
  printf 'search one-term by downloads, skip 200, same query, cached\t/v3/query?q=json&skip=200&take=20\t\t\n'
  printf 'autocomplete ids, same query, cached\t/v3/autocomplete?q=json&take=20\t\t\n'
  printf 'autocomplete ids, empty, same query, cached\t/v3/autocomplete?q=&take=20\t\t\n'
  printf 'autocomplete versions, same query, cached\t/v3/autocomplete?id=%s&prerelease=true\t\t\n' "$(python3 -c "import sys; sys.path.insert(0, '$ROOT/bench/v3'); from benchpkg import corpus_id; print(corpus_id(4321))")"
  printf 'search, distinct queries\t/\tquery\t\n'
  printf 'autocomplete, distinct ids typed\t/\tautocomplete\t\n'
  printf 'search, popular queries, index changing every %s ms\t/\tpopular\t1\n' "$CHURN_MS"
  printf 'restore: V3 flat index\t/v3/flat/%s/index.json\t\t\n' "${RESTORE_ID,,}"
  printf "restore: V2 FindPackagesById (10 versions)\t/api/v2/FindPackagesById()?id='%s'\t\t\n" "$RESTORE_ID"
  printf "restore: V2 Packages(Id,Version)\t/api/v2/Packages(Id='%s',Version='1.5.0')\t\t\n" "$RESTORE_ID"
}
CHURN_VERSION=0
while IFS=$'\t' read -r name path mode churn; do
  [[ $name =~ $ONLY ]] || continue
  url="$URL$path"
  hits="-"
  if [[ -z $mode && $path == /v3/* && $path != /v3/flat/* ]]; then
    hits=$(curl -fsS "$url" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d.get('totalHits', '-'), len(d['data']))" 2>/dev/null || echo "error")
  fi
  if [[ -n $churn ]]; then
    python3 "$HERE/churn.py" "$URL" "$KEY" --every-ms "$CHURN_MS" --start "$CHURN_VERSION" >"$WORK/wrk/churn-c.txt" 2>&1 &
    CHURN=$!
  fi
  read -r cached0 missed0 kept0 rendered0 < <(cache_counts)
  PERF=""
  if [[ -n ${BENCH_PERF:-} ]]; then
    mkdir -p "$BENCH_PERF"
    perf record -F 999 -g -p "$PID" -o "$WORK/perf.data" -- sleep "$DURATION" >/dev/null 2>&1 &
    PERF=$!
  fi
  ticks0=$(cpu_ticks)
  read -r rps p50 p99 requests bad err _ < <(run_wrk "c-$name" "$url" "$CONNECTIONS" "$mode")
  ticks1=$(cpu_ticks)
  if [[ -n $PERF ]]; then
    wait "$PERF" || true
    { echo "## self"
      perf report -i "$WORK/perf.data" --no-children --stdio --percent-limit 0.5 -g none --sort symbol 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -n 60 | cut -c1-200
      echo "## children (inclusive)"
      perf report -i "$WORK/perf.data" --children --stdio --percent-limit 2 -g none --sort symbol 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -n 60 | cut -c1-200
    } >"$BENCH_PERF/${name//[^A-Za-z0-9]/_}.txt" || true  # `head` closing the pipe fails it under pipefail
  fi
  read -r cached1 missed1 kept1 rendered1 < <(cache_counts)
  if [[ -n $churn ]]; then
    kill "$CHURN" 2>/dev/null || true; wait "$CHURN" 2>/dev/null || true; CHURN=""
    read -r _ pushed _ < <(grep '^CHURN ' "$WORK/wrk/churn-c.txt" || echo "CHURN 0")
    CHURN_VERSION=$((CHURN_VERSION + 100000))
    name="$name ($pushed pushes)"
  fi
  read -r _ o50 o99 _ _ _ _ < <(run_wrk "1-$name" "$url" 1 "$mode")
  cpu=$(python3 -c "print(f'{($ticks1 - $ticks0) / $TICK * 1e6 / max($requests, 1):.0f}')")
  answers=$(( cached1 - cached0 + missed1 - missed0 ))
  cached=$(python3 -c "print('-' if $answers == 0 else f'{($cached1 - $cached0) / $answers:.0%}')")
  entries=$(( kept1 - kept0 + rendered1 - rendered0 ))
  kept=$(python3 -c "print('-' if $entries == 0 else f'{($kept1 - $kept0) / $entries:.0%}')")
  met=$(python3 -c "print('yes' if 0 < $p99 < 10000 else 'NO')"); (( bad + err > 0 )) && met="$met (errors $bad/$err)"
  target="p99 < 10 ms"; [[ $name == restore:* ]] && { target="-"; met="-"; (( bad + err > 0 )) && met="errors $bad/$err"; }
  log "$name: $rps req/s, p99 $(ms "$p99") ms, $cpu us CPU/req, cached $cached"
  ROWS+=("$name|${hits// //}|$rps|$(ms "$p50")|$(ms "$p99")|$(ms "$o50")|$(ms "$o99")|$cpu|$cached|$kept|$target|$met|")
done < <(shapes)

echo
echo "Pallet $("$PALLET" --version 2>/dev/null || echo '?') on $(nproc) cores; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$IDS ids x $VERSIONS versions; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s and -c1; latencies in ms; start-up ${STARTUP}s"
echo "CPU us/req: the server's CPU over the c$CONNECTIONS run per request; cached: search answers from SearchAnswerCache;"
echo "hits kept: hits of computed answers written from kept entries (SearchHitFragments) rather than rendered"
printf '%s\n' "${ROWS[@]}" | column -t -s '|'
