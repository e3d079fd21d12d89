#!/usr/bin/env bash
# Instructions per request on the hottest read paths, counted by valgrind's callgrind: repeatable on a
# loaded machine (it counts instructions, not time). Starts a release `pallet serve` under callgrind with
# instrumentation off, pushes a package, warms up, then counts exactly N keep-alive requests per path.
#
# Usage: bench/serve/profile.sh [PALLET_BINARY]   (default .build-release/release/pallet)
# Knobs: BENCH_PROFILE_REQUESTS (2000), BENCH_PORT_BASE (20500; uses +10). Needs valgrind, python3, curl.
# Prints one line per path: instructions per request; keeps callgrind.out.* for callgrind_annotate.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PALLET=$(readlink -f "${1:-$ROOT/.build-release/release/pallet}")
N=${BENCH_PROFILE_REQUESTS:-2000}
PORT=$(( ${BENCH_PORT_BASE:-20500} + 10 ))
URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/pallet-profile.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; echo "callgrind outputs: $WORK" >&2' EXIT

"$PALLET" admin create-user prof --email prof@example.invalid --data "$WORK/data" >/dev/null
KEY=$("$PALLET" admin create-api-key --user prof --data "$WORK/data" | tail -n 1)
(cd "$WORK" && valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/callgrind.out.%p" \
  "$PALLET" serve --data "$WORK/data" --host 127.0.0.1 --port "$PORT" >"$WORK/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 1200); do curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null && break; sleep 0.25; done
python3 "$ROOT/bench/v3/benchpkg.py" push "$URL" "$KEY" --id Profile.Pkg --versions 20 --size 2048 >/dev/null
PID=$(pgrep -f "callgrind.*--port $PORT" | head -n 1 || true)
[ -n "$PID" ] || PID=$server

count() {  # label path [header]: instructions for N requests over one keep-alive connection
  python3 - "$URL" "$2" "$N" "${3:-}" warm <<'PY'
import http.client, sys, urllib.parse
url, path, n, header = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
u = urllib.parse.urlparse(url)
c = http.client.HTTPConnection(u.hostname, u.port)
headers = dict([header.split(": ", 1)]) if header else {}
for _ in range(50):
    c.request("GET", path, headers=headers); c.getresponse().read()
PY
  callgrind_control -z "$PID" >/dev/null
  callgrind_control -i on "$PID" >/dev/null
  python3 - "$URL" "$2" "$N" "${3:-}" <<'PY'
import http.client, sys, urllib.parse
url, path, n, header = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
u = urllib.parse.urlparse(url)
c = http.client.HTTPConnection(u.hostname, u.port)
headers = dict([header.split(": ", 1)]) if header else {}
for _ in range(n):
    c.request("GET", path, headers=headers); c.getresponse().read()
PY
  callgrind_control -i off "$PID" >/dev/null
  callgrind_control -d "$1" "$PID" >/dev/null
  sleep 1
  local file; file=$(ls -t "$WORK"/callgrind.out.* | head -n 1)
  local total; total=$(grep -m1 '^summary:\|^totals:' "$file" | awk '{print $2}')
  printf '%-40s %12s instructions/request  (%s)\n' "$1" "$(( total / N ))" "$(basename "$file")"
}
count "flat index (hit)" /v3/flat/profile.pkg/index.json
count "flat index (hit, gzip)" /v3/flat/profile.pkg/index.json "Accept-Encoding: gzip"
count "flat index (404, unknown id)" /v3/flat/no.such.id/index.json
count "registration index (hit)" /v3/registration/profile.pkg/index.json
count "nupkg 2 KB" /v3/flat/profile.pkg/1.0.0/profile.pkg.1.0.0.nupkg
