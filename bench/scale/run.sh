#!/usr/bin/env bash
# Pallet's V3 reads and pushes on both backends (embedded SQLite + data folder; PostgreSQL + S3) beside
# nginx serving the same bytes, then read latency (V3 documents, search, V2), start-up time (wall and the
# process's CPU seconds until ready) and RSS on PostgreSQL as the package_versions table grows (generated rows).
#
# Usage: nice -n 10 bench/scale/run.sh [--no-build] [--keep] [--skip-backends] [--skip-scale]
#   --no-build       use the existing .build-release/release/pallet (or $BENCH_PALLET)
#   --keep           keep the temp folder, databases and buckets (logs and every wrk output) and print them
#   --skip-backends  only part 2 (scale);  --skip-scale: only part 1 (backends)
# Knobs (environment): BENCH_DURATION (s per wrk run in part 1, 10), BENCH_SCALE_DURATION (part 2, 5),
#   BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PUSH_IDS x BENCH_PUSH_VERSIONS (40 x 5 sequential 50 KB
#   pushes per backend), BENCH_FILL_IDS x BENCH_FILL_VERSIONS (200 x 2 search corpus pushes, 4 workers),
#   BENCH_SCALES (versions generated on PostgreSQL: "1000 100000 1000000"), BENCH_PALLET (a pallet binary),
#   BENCH_PORT_BASE (servers on BASE, BASE+1, nginx on BASE+10; default: free ports), BENCH_V2_REQUESTS (sequential
#   requests timed per V2 listing in part 2, 5).
# Needs: swift, python3 with boto3, psql, curl, nginx (Debian nginx-light), wrk, and PostgreSQL + an S3
#   endpoint: scripts/test-services.sh is started when they do not answer (and stopped again at the end).
# Not run by CI. See bench/scale/RESULTS.md and bench/README.md.
set -euo pipefail
set -f   # no globbing: storage URLs hold `?` and server flags are expanded unquoted

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCHPKG="python3 $ROOT/bench/v3/benchpkg.py"
SCALEPKG="python3 $HERE/scalepkg.py"
LUA="$ROOT/bench/v3/report.lua"

BUILD=1 KEEP=0 BACKENDS=1 SCALE=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --skip-backends) BACKENDS=0 ;;
    --skip-scale) SCALE=0 ;;
    *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
DURATION=${BENCH_DURATION:-10}
SCALE_DURATION=${BENCH_SCALE_DURATION:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
PUSH_IDS=${BENCH_PUSH_IDS:-40}
PUSH_VERSIONS=${BENCH_PUSH_VERSIONS:-5}
FILL_IDS=${BENCH_FILL_IDS:-200}
FILL_VERSIONS=${BENCH_FILL_VERSIONS:-2}
SCALES=${BENCH_SCALES:-1000 100000 1000000}
V2_REQUESTS=${BENCH_V2_REQUESTS:-5}

for tool in python3 curl nginx wrk psql; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
python3 -c "import boto3" 2>/dev/null || { echo "python3 boto3 is missing (pip install 'moto[server]')" >&2; exit 1; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- build -------------------------------------------------------------------------------------
# A scratch path of its own (as bench/v3), so the release build does not wait on the debug builds' lock.
PALLET="${BENCH_PALLET:-$ROOT/.build-release/release/pallet}"
if [[ $BUILD == 1 && -z ${BENCH_PALLET:-} ]]; then
  log "building pallet (release, --scratch-path .build-release)"
  (cd "$ROOT" && swift build -c release --product pallet --scratch-path .build-release 2>&1 | tail -n 3) >&2
fi
[[ -x $PALLET ]] || { echo "no $PALLET; build first" >&2; exit 1; }
"$PALLET" serve --help | grep -q -- --database || { echo "$PALLET has no --database: rebuild" >&2; exit 1; }

# --- services, temp folder, cleanup ------------------------------------------------------------
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export PALLET_TEST_POSTGRES_URL=${PALLET_TEST_POSTGRES_URL:-postgres://pallet:pallet@127.0.0.1:5433/postgres}
export PALLET_TEST_S3_ENDPOINT=${PALLET_TEST_S3_ENDPOINT:-http://127.0.0.1:5055}
SERVICES_STARTED=0
if ! psql "$PALLET_TEST_POSTGRES_URL" -Atqc 'SELECT 1' >/dev/null 2>&1 || ! curl -fsS -o /dev/null "$PALLET_TEST_S3_ENDPOINT/" 2>/dev/null; then
  log "starting PostgreSQL and moto_server (scripts/test-services.sh start)"
  pg_was_up=0; psql "$PALLET_TEST_POSTGRES_URL" -Atqc 'SELECT 1' >/dev/null 2>&1 && pg_was_up=1
  eval "$(bash "$ROOT/scripts/test-services.sh" start)"
  [[ $pg_was_up == 0 ]] && SERVICES_STARTED=1   # stop them at the end only if nothing of theirs ran before
fi

WORK="$(mktemp -d /tmp/pallet-scale-bench.XXXXXX)"
chmod 755 "$WORK"   # nginx workers may run as another user
NGX="$WORK/nginx"
mkdir -p "$NGX/tmp" "$WORK/wrk"
TAG=$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z' | tail -c 7)
declare -A PIDS=()        # server name -> pid
STORES=()                 # database/bucket names to drop
NGINX_PID=""

stop_server() {  # name
  local pid=${PIDS[$1]:-}
  [[ -z $pid ]] && return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "PIDS[$1]"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for name in "${!PIDS[@]}"; do stop_server "$name"; done
  if [[ -n $NGINX_PID ]]; then kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null; fi
  if [[ $KEEP == 1 ]]; then
    echo "kept: temp folder $WORK (server logs *.log, wrk outputs wrk/); databases and buckets ${STORES[*]:-none}" >&2
  else
    for store in "${STORES[@]}"; do $SCALEPKG drop-store "$store" || true; done
    if [[ $status != 0 && $status != 130 ]]; then   # a failure: keep the logs
      echo "failed; temp folder kept for its logs: $WORK (server logs *.log, wrk outputs wrk/)" >&2
    else
      rm -rf "$WORK"
    fi
  fi
  [[ $SERVICES_STARTED == 1 ]] && bash "$ROOT/scripts/test-services.sh" stop || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

new_store() {  # name -> sets DB_URL, STORAGE
  local name="pallet_bench_${TAG}_$1"
  read -r _ DB_URL STORAGE _ < <($SCALEPKG create-store "$name")
  STORES+=("$name")
}

# --- servers -----------------------------------------------------------------------------------
# Every server of one kind gets a fixed port and base URL: a changed base URL makes Pallet re-render
# every id at start. Both backends' documents use the same base URL, so they have the same bytes
# (apart from timestamps and hashes) as the embedded files nginx serves.
BASE_URL="http://feed.bench.invalid"
declare -A PORTS=() ARGS=()
STARTUP_SECONDS=0

configure_server() {  # name args...
  local name=$1; shift
  if [[ -n ${BENCH_PORT_BASE:-} ]]; then PORTS[$name]=$((BENCH_PORT_BASE + ${#PORTS[@]})); else PORTS[$name]=$($BENCHPKG free-port); fi
  ARGS[$name]="$*"
}

url_of() { echo "http://127.0.0.1:${PORTS[$1]}"; }

start_server() {  # name [extra serve flags...]; sets STARTUP_SECONDS
  local name=$1; shift
  local started=$EPOCHREALTIME url; url=$(url_of "$name")
  # shellcheck disable=SC2086  # ARGS holds flags without spaces
  "$PALLET" serve ${ARGS[$name]} --host 127.0.0.1 --port "${PORTS[$name]}" --base-url "$BASE_URL" "$@" \
    >>"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
  for _ in $(seq 1 12000); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then
      STARTUP_SECONDS=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')")
      return 0
    fi
    kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -n 20 "$WORK/$name.log" >&2; echo "$name exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name did not become ready in 1200 s" >&2; exit 1
}

rss_mb() { $SCALEPKG rss "${PIDS[$1]}"; }
cpu_s() { $SCALEPKG cpu "${PIDS[$1]}"; }

admin() {  # name args... (the server's store flags)
  local name=$1; shift
  # shellcheck disable=SC2086
  "$PALLET" admin "$@" ${ARGS[$name]}
}

run_wrk() {  # label url [connections] [duration] -> "rps p50us p99us requests bad errors bytes/s"
  local label=$1 url=$2 connections=${3:-$CONNECTIONS} duration=${4:-$DURATION} threads=$THREADS
  (( connections < threads )) && threads=$connections
  local out; out="$WORK/wrk/$(echo "$label" | tr -c 'a-zA-Z0-9.-' '_').txt"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$LUA" "$url" >"$out" 2>&1 || true
  local line
  line=$(grep '^RESULT ' "$out" | tail -n 1) || line="RESULT 0 0 0 0 0 1 0"  # wrk failed: an error row
  log "  $label: $line"
  echo "${line#RESULT }"
}

ms() { python3 -c "print(f'{$1 / 1000:.2f}')"; }
time_requests() {  # url count -> "p50ms maxms req/s non-200"
  local url=$1 count=$2 times=() bad=0 line
  for _ in $(seq 1 "$count"); do
    line=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$url" 2>/dev/null || echo "000 0")
    [[ ${line%% *} != 200 ]] && bad=$((bad + 1))
    times+=("${line#* }")
  done
  python3 -c "import statistics,sys; t=[float(x) for x in sys.argv[1:]]; print(f'{statistics.median(t)*1000:.2f} {max(t)*1000:.2f} {len(t)/sum(t):.1f}', end='')" "${times[@]}"
  echo " $bad"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 > 0 else '-')"; }
errors() { (( $1 + $2 > 0 )) && echo " errors $1/$2" || true; }  # bad-status socket-errors
size_of() { curl -fsS "$1" 2>/dev/null | wc -c; }
sha_of() { curl -fsS "$1" 2>/dev/null | sha256sum | cut -c1-16; }

REGISTRATION_PATH="/v3/registration/bench.registration/index.json"
FLAT_PATH="/v3/flat/bench.registration/index.json"
SERVICE_PATH="/v3/index.json"
NUPKG_PATH="/v3/flat/bench.big/1.0.0/bench.big.1.0.0.nupkg"
SEARCH_QUERY="q=json&take=20"
EXACT_QUERY="q=packageid:Bench.Registration&take=20"
# V2 (part 2): one id's versions, the latest versions of every id by id, and a V2 search (as VS and nuget.exe 2.x ask).
V2_FIND_PATH='/api/v2/FindPackagesById()?id=%27Bench.Registration%27&semVerLevel=2.0.0'
V2_LIST_PATH='/api/v2/Packages()?$filter=IsLatestVersion&$orderby=Id&$skip=0&$top=30'
V2_SEARCH_PATH='/api/v2/Search()?searchTerm=%27json%27&$filter=IsLatestVersion&$orderby=DownloadCount%20desc,Id&$skip=0&$top=30&includePrerelease=false'


LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
REPORT=()   # lines printed at the end

# =================================================================================================
# Part 1: the bench/v3 reads and pushes, embedded vs PostgreSQL + S3 vs nginx
# =================================================================================================
if [[ $BACKENDS == 1 ]]; then
  new_store backends
  configure_server embedded --data "$WORK/embedded"
  configure_server pg --data "$WORK/pg-node" --database "$DB_URL" --storage "$STORAGE"
  declare -A KEYS=() PUSH_LINE=() FILL_LINE=() RSS_EMPTY=() RSS_LOADED=() START_EMPTY=()
  for backend in embedded pg; do
    admin "$backend" create-user bench --email bench@example.invalid >/dev/null
    KEYS[$backend]=$(admin "$backend" create-api-key --user bench | tail -n 1)
    start_server "$backend"
    START_EMPTY[$backend]=$STARTUP_SECONDS
    sleep 2
    RSS_EMPTY[$backend]=$(rss_mb "$backend")
    url=$(url_of "$backend")
    log "$backend: ready in ${STARTUP_SECONDS}s, RSS ${RSS_EMPTY[$backend]} MB; sequential push of $PUSH_IDS x $PUSH_VERSIONS x 50 KB"
    PUSH_LINE[$backend]=$($BENCHPKG push "$url" "${KEYS[$backend]}" --id Bench.Push --ids "$PUSH_IDS" --versions "$PUSH_VERSIONS" --size 51200)
    log "  ${PUSH_LINE[$backend]}"
    $BENCHPKG push "$url" "${KEYS[$backend]}" --id Bench.Big --size 204800 >/dev/null
    $BENCHPKG push "$url" "${KEYS[$backend]}" --id Bench.Registration --versions 20 --size 2048 >/dev/null
    FILL_LINE[$backend]=$($BENCHPKG fill "$url" "${KEYS[$backend]}" --ids "$FILL_IDS" --versions "$FILL_VERSIONS" --workers 4 --seconds 180)
    log "  search corpus: ${FILL_LINE[$backend]}"
  done
  for backend in embedded pg; do   # rendering may finish after the push answers
    for path in "$REGISTRATION_PATH" "$FLAT_PATH"; do
      for _ in $(seq 1 100); do curl -fsS -o /dev/null "$(url_of $backend)$path" 2>/dev/null && break; sleep 0.1; done
    done
  done

  # nginx: the embedded backend's blob folder, as bench/v3 serves it.
  curl -fsS "$(url_of embedded)$SERVICE_PATH" -o "$NGX/service-index.json"
  if [[ -n ${BENCH_PORT_BASE:-} ]]; then NGINX_PORT=$((BENCH_PORT_BASE + 10)); else NGINX_PORT=$($BENCHPKG free-port); fi
  DATA="$WORK/embedded"
  cat >"$NGX/nginx.conf" <<EOF
$( [[ $(id -u) == 0 ]] && echo "user root;" )
worker_processes auto;
daemon off;
error_log $NGX/error.log warn;
pid $NGX/nginx.pid;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $DATA/blobs;
    location = /v3/index.json { alias $NGX/service-index.json; }
    location ~ ^/v3/flat/([^/]+)/([^/]+)/([^/]+\.nupkg)\$ { alias $DATA/blobs/packages/\$1/\$2/\$3; }
    location /v3/ { }
  }
}
EOF
  nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "$NGINX_URL/v3/index.json" 2>/dev/null && break; sleep 0.1; done

  log "reads: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; embedded, PostgreSQL + S3, nginx one after the other per endpoint"
  ROWS=()
  compare() {  # label path [nginx?]
    local label=$1 path=$2 with_nginx=${3:-1} e p n="0 0 0 0 0 0 0" sizes note=""
    e=$(run_wrk "embedded $label" "$(url_of embedded)$path")
    p=$(run_wrk "pg $label" "$(url_of pg)$path")
    [[ $with_nginx == 1 ]] && n=$(run_wrk "nginx $label" "$NGINX_URL$path")
    read -r e_rps _ e_p99 _ e_bad e_err _ <<<"$e"
    read -r p_rps _ p_p99 _ p_bad p_err _ <<<"$p"
    read -r n_rps _ n_p99 _ n_bad n_err _ <<<"$n"
    sizes="$(size_of "$(url_of embedded)$path")/$(size_of "$(url_of pg)$path")"
    if [[ $with_nginx == 1 ]]; then
      sizes="$sizes/$(size_of "$NGINX_URL$path")"
      [[ $(sha_of "$(url_of embedded)$path") != $(sha_of "$NGINX_URL$path") ]] && note="embedded≠nginx bytes"
    fi
    (( e_bad + e_err + p_bad + p_err + n_bad + n_err > 0 )) && note="$note errors e$e_bad/$e_err p$p_bad/$p_err n$n_bad/$n_err"
    if [[ $with_nginx == 1 ]]; then
      ROWS+=("$label|$e_rps|$p_rps|$n_rps|$(ratio "$e_rps" "$n_rps")|$(ratio "$p_rps" "$n_rps")|$(ms "$e_p99")|$(ms "$p_p99")|$(ms "$n_p99")|$sizes $note|")
    else
      ROWS+=("$label|$e_rps|$p_rps|-|-|-|$(ms "$e_p99")|$(ms "$p_p99")|-|$sizes $note|")
    fi
  }
  compare "service index" "$SERVICE_PATH"
  compare "flat index (20 versions)" "$FLAT_PATH"
  compare "registration index (20 versions)" "$REGISTRATION_PATH"
  compare "nupkg 200 KB" "$NUPKG_PATH"
  hits_e=$(curl -fsS "$(url_of embedded)/v3/query?$SEARCH_QUERY" | python3 -c "import json,sys; print(json.load(sys.stdin)['totalHits'])")
  hits_p=$(curl -fsS "$(url_of pg)/v3/query?$SEARCH_QUERY" | python3 -c "import json,sys; print(json.load(sys.stdin)['totalHits'])")
  compare "search q=json (hits $hits_e/$hits_p)" "/v3/query?$SEARCH_QUERY" 0
  RSS_LOADED[embedded]=$(rss_mb embedded); RSS_LOADED[pg]=$(rss_mb pg)

  # S3 with --download-redirect: Pallet answers 302 to a presigned URL (wrk does not follow it), after a HEAD.
  log "PostgreSQL + S3 with --download-redirect"
  stop_server pg
  start_server pg --download-redirect
  redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "$(url_of pg)$NUPKG_PATH")
  read -r r_rps _ r_p99 _ r_bad r_err _ < <(run_wrk "pg nupkg redirect" "$(url_of pg)$NUPKG_PATH")
  ROWS+=("nupkg 200 KB, --download-redirect (302 only)|-|$r_rps|-|-|-|-|$(ms "$r_p99")|-|answer ${redirect%% *}$(errors "$r_bad" "$r_err")|")
  presigned=${redirect#* }
  if [[ $presigned == http* ]]; then
    read -r m_rps _ m_p99 _ m_bad m_err _ < <(run_wrk "moto presigned GET" "$presigned")
    ROWS+=("  the presigned URL on moto_server itself|-|$m_rps|-|-|-|-|$(ms "$m_p99")|-|$(size_of "$presigned") bytes$(errors "$m_bad" "$m_err")|")
  fi
  stop_server pg
  stop_server embedded
  kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""

  read -r _ e_count e_secs e_rate e_fail _ <<<"${PUSH_LINE[embedded]}"
  read -r _ p_count p_secs p_rate p_fail _ <<<"${PUSH_LINE[pg]}"
  ROWS+=("push 50 KB, sequential (pkgs/s)|$e_rate|$p_rate|-|-|-|-|-|-|$e_count/$p_count pushes in ${e_secs}/${p_secs}s, failed $e_fail/$p_fail|")
  read -r _ ef_n ef_fail ef_secs ef_rate <<<"${FILL_LINE[embedded]}"
  read -r _ pf_n pf_fail pf_secs pf_rate <<<"${FILL_LINE[pg]}"
  ROWS+=("push 2 KB, 4 concurrent clients (pkgs/s)|$ef_rate|$pf_rate|-|-|-|-|-|-|$ef_n/$pf_n pushes, failed $ef_fail/$pf_fail|")
  ROWS+=("start-up, empty feed (s)|${START_EMPTY[embedded]}|${START_EMPTY[pg]}|-|-|-|-|-|-||")
  ROWS+=("RSS idle, empty feed (MB)|${RSS_EMPTY[embedded]}|${RSS_EMPTY[pg]}|-|-|-|-|-|-||")
  ROWS+=("RSS after the reads (MB)|${RSS_LOADED[embedded]}|${RSS_LOADED[pg]}|-|-|-|-|-|-||")

  REPORT+=("Part 1: bench/v3 reads and pushes on both backends; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; req/s, p99 in ms")
  REPORT+=("  embedded = SQLite + data folder; pg+s3 = PostgreSQL + S3 (moto_server); nginx = the embedded blob folder")
  REPORT+=("  bytes = body sizes embedded/pg+s3/nginx (same base URL on both backends)")
  REPORT+=("")
  while IFS= read -r line; do REPORT+=("$line"); done < <({
    echo "endpoint|embedded|pg+s3|nginx|emb/nginx|pg/nginx|emb p99|pg p99|nginx p99|notes|"
    printf '%s\n' "${ROWS[@]}"
  } | column -t -s '|')
  REPORT+=("")
fi

# =================================================================================================
# Part 2: read latency, start-up and RSS on PostgreSQL as package_versions grows
# =================================================================================================
if [[ $SCALE == 1 ]]; then
  new_store scale
  configure_server scale --data "$WORK/scale-node" --database "$DB_URL" --storage "$STORAGE"
  admin scale create-user bench --email bench@example.invalid >/dev/null
  KEY=$(admin scale create-api-key --user bench | tail -n 1)
  start_server scale
  url=$(url_of scale)
  log "scale: pushing the real packages (Bench.Registration x 20, Scale.Real.0-4)"
  $BENCHPKG push "$url" "$KEY" --id Bench.Registration --versions 20 --size 2048 >/dev/null
  $BENCHPKG push "$url" "$KEY" --id Scale.Real --ids 5 --size 2048 >/dev/null
  for path in "$REGISTRATION_PATH" "$FLAT_PATH"; do
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "$url$path" 2>/dev/null && break; sleep 0.1; done
  done
  stop_server scale
  SROWS=()
  for target in $SCALES; do
    log "scale: generating rows up to $target versions"
    read -r _ inserted generated gen_secs < <($SCALEPKG generate "$DB_URL" --total "$target")
    read -r versions ids < <($SCALEPKG count "$DB_URL")
    log "  +$inserted rows in ${gen_secs}s; $versions available versions of $ids ids"
    start_server scale
    startup=$STARTUP_SECONDS
    startup_cpu=$(cpu_s scale)   # user + system CPU seconds until ready: what the machine's load does not change
    sleep 3
    rss_idle=$(rss_mb scale)
    log "  ready in ${startup}s (CPU ${startup_cpu} s), RSS ${rss_idle} MB"
    hits=$(curl -fsS "$url/v3/query?$SEARCH_QUERY" | python3 -c "import json,sys; print(json.load(sys.stdin)['totalHits'])")
    for probe in "registration index (20 versions)|$REGISTRATION_PATH" "flat index (20 versions)|$FLAT_PATH" \
                 "search q=json (hits $hits)|/v3/query?$SEARCH_QUERY" "search packageid: exact|/v3/query?$EXACT_QUERY" \
                 "V2 FindPackagesById (20 versions)|$V2_FIND_PATH"; do
      label=${probe%%|*} path=${probe#*|}
      read -r c_rps c_p50 c_p99 _ c_bad c_err _ < <(run_wrk "scale $versions $label c$CONNECTIONS" "$url$path" "$CONNECTIONS" "$SCALE_DURATION")
      read -r o_rps o_p50 o_p99 _ o_bad o_err _ < <(run_wrk "scale $versions $label c1" "$url$path" 1 "$SCALE_DURATION")
      note=""; (( c_bad + c_err + o_bad + o_err > 0 )) && note="errors $c_bad/$c_err $o_bad/$o_err"
      SROWS+=("$versions|$label|$(ms "$o_p50")|$(ms "$o_p99")|$o_rps|$(ms "$c_p50")|$(ms "$c_p99")|$c_rps|$note|")
    done
    # V2 listings and searches go over every version (up to seconds each at 1M, longer than a wrk run): timed
    # with curl, $V2_REQUESTS requests one after the other; the c1 columns are then the median and the slowest.
    for probe in "V2 Packages() IsLatestVersion by Id, top 30|$V2_LIST_PATH" "V2 Search() json, top 30|$V2_SEARCH_PATH"; do
      label=${probe%%|*} path=${probe#*|}
      read -r t_p50 t_max t_rps t_bad < <(time_requests "$url$path" "$V2_REQUESTS")
      log "  scale $versions $label: p50 ${t_p50} ms, max ${t_max} ms"
      note="$V2_REQUESTS sequential requests (curl): p50, max"; (( t_bad > 0 )) && note="$note; $t_bad not 200"
      SROWS+=("$versions|$label|$t_p50|$t_max|$t_rps|-|-|-|$note|")
    done
    rss_after=$(rss_mb scale)
    SROWS+=("$versions|start-up ${startup} s (CPU ${startup_cpu} s); RSS idle ${rss_idle} MB, after reads ${rss_after} MB; rows +$inserted in ${gen_secs} s|||||||||")
    stop_server scale
  done
  REPORT+=("Part 2: PostgreSQL + S3, generated rows (10 versions per id) + 25 pushed versions; wrk -d${SCALE_DURATION}s;")
  REPORT+=("  latencies in ms; c1 = one connection (no queueing), c$CONNECTIONS = wrk -t$THREADS -c$CONNECTIONS")
  REPORT+=("")
  while IFS= read -r line; do REPORT+=("$line"); done < <({
    echo "versions|endpoint|c1 p50|c1 p99|c1 req/s|c$CONNECTIONS p50|c$CONNECTIONS p99|c$CONNECTIONS req/s|notes|"
    printf '%s\n' "${SROWS[@]}"
  } | column -t -s '|')
fi

# --- report ------------------------------------------------------------------------------------
echo
echo "Pallet $("$PALLET" --version 2>/dev/null || echo '?') on $(nproc) cores, $(uname -r); $(nginx -v 2>&1 | sed 's/.*: //'); $(psql "$PALLET_TEST_POSTGRES_URL" -Atqc 'SHOW server_version' 2>/dev/null | sed 's/^/PostgreSQL /')"
echo "load before: $LOAD_BEFORE; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%s\n' "${REPORT[@]}"
