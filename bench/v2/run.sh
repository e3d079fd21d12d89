#!/usr/bin/env bash
# V2 (dynamic Atom) reads next to the V3 documents they correspond to, on the same packages.
#
# Usage: bench/v2/run.sh [path/to/pallet]   (default .build-release/release/pallet; build it first with
#        swift build -c release --product pallet --scratch-path .build-release)
# Knobs: BENCH_IDS (300) x BENCH_VERSIONS (3) pushed packages, BENCH_DURATION (10 s), BENCH_CONNECTIONS (16).
# Needs: python3, curl, wrk. Not run by CI. See bench/README.md ("bench/v2").
set -euo pipefail
PALLET=${1:-.build-release/release/pallet}
IDS=${BENCH_IDS:-300}
VERSIONS=${BENCH_VERSIONS:-3}
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
for tool in python3 curl wrk; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
[ -x "$PALLET" ] || { echo "no $PALLET" >&2; exit 1; }

WORK=$(mktemp -d /tmp/pallet-bench-v2.XXXXXX)
PORT=$((20000 + RANDOM % 20000))
BASE="http://127.0.0.1:$PORT"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT

"$PALLET" admin create-user bench --email bench@pallet.test --data "$WORK/data" >/dev/null
KEY=$("$PALLET" admin create-api-key --user bench --data "$WORK/data" | tail -1)
"$PALLET" serve --data "$WORK/data" --port "$PORT" >"$WORK/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/api/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

# Small packages with descriptions and tags from a small vocabulary, pushed over HTTP.
python3 - "$WORK/pkgs" "$IDS" "$VERSIONS" <<'PY'
import os, sys, zipfile, random
out, ids, versions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
words = "json http token cache udp tcp core tools data async logging test mock parser client server".split()
rng = random.Random(4)
for i in range(ids):
    pid = f"Bench.{rng.choice(words).title()}.{rng.choice(words).title()}.P{i}"
    for v in range(versions):
        ver = f"1.{v}.0"
        desc = " ".join(rng.choice(words) for _ in range(12))
        nuspec = f'<?xml version="1.0"?><package><metadata><id>{pid}</id><version>{ver}</version><authors>Bench</authors><description>{desc}</description><tags>{" ".join(rng.sample(words, 3))}</tags><dependencies><group targetFramework="net45"><dependency id="Newtonsoft.Json" version="6.0.8" /></group></dependencies></metadata></package>'
        with zipfile.ZipFile(f"{out}/{pid}.{ver}.nupkg", "w") as z:
            z.writestr(f"{pid}.nuspec", nuspec)
            z.writestr("lib/net45/readme.txt", desc)
PY
start=$(date +%s.%N)
for f in "$WORK"/pkgs/*.nupkg; do
  curl -fsS -o /dev/null -X PUT -H "X-NuGet-ApiKey: $KEY" -F "package=@$f" "$BASE/api/v2/package/"
done
echo "pushed $(ls "$WORK"/pkgs | wc -l) packages in $(echo "$(date +%s.%N) - $start" | bc) s"

ID=$(ls "$WORK"/pkgs | head -1 | sed 's/\.1\.0\.0\.nupkg$//')
LOWER=$(tr 'A-Z' 'a-z' <<<"$ID")
run() { # NAME PATH
  local rps
  rps=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$BASE$2" | awk '/Requests\/sec/ {print $2}')
  printf '%-44s %10s req/s\n' "$1" "$rps" >&2
  echo "$rps"
}
echo "== $ID; ${IDS} ids x ${VERSIONS} versions; wrk ${DURATION}s, ${CONNECTIONS} connections"
v2find=$(run "V2 FindPackagesById() (3 entries)" "/api/v2/FindPackagesById()?id='$ID'")
v3flat=$(run "V3 flat container index.json" "/v3/flat/$LOWER/index.json")
v3reg=$(run "V3 registration index (semver2 hive)" "/v3/registration-gz-semver2/$LOWER/index.json")
v2search=$(run "V2 Search() json, IsLatestVersion, \$top=30" "/api/v2/Search()?\$filter=IsLatestVersion&\$orderby=Id&\$skip=0&\$top=30&searchTerm='json'&targetFramework=''&includePrerelease=false")
v3search=$(run "V3 search q=json take=30" "/v3/query?q=json&take=30")
v2list=$(run "V2 Packages() first page (100 entries)" "/api/v2/Packages()")
python3 - "$v2find" "$v3flat" "$v3reg" "$v2search" "$v3search" <<'PY' 
import sys
f, flat, reg, s, q = map(float, sys.argv[1:])
print(f"FindPackagesById / registration index: {f/reg:.2f}x;  / flat index: {f/flat:.2f}x")
print(f"Search() / V3 search: {s/q:.2f}x")
PY
