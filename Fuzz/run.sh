#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS on its seed corpus (niced: the machine is shared).
# Usage: Fuzz/run.sh FuzzVersion|FuzzRange|FuzzNuspec|FuzzNupkg SECONDS [extra libFuzzer flags…]
set -euo pipefail
target=${1:?target}; seconds=${2:?seconds}; shift 2
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
scratch=.build/fuzz
nice -n 10 swift build -c release --scratch-path "$scratch" --product "$target" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
[ -d "corpus-$target" ] || ./make-seeds.sh "$target"
mkdir -p artifacts
# Swift's backtracer would catch traps before libFuzzer could save the crashing input.
export SWIFT_BACKTRACE=enable=no
exec nice -n 10 "$scratch/release/$target" "corpus-$target" \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="artifacts/$target-" \
    -timeout=10 -rss_limit_mb=2048 "$@"
