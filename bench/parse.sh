#!/usr/bin/env bash
# NuGetCore parse benchmark: versions/s, nuspecs/s, nupkg open+hash MB/s, and sha512sum MB/s as the ceiling.
# Builds the ParseBench target of the Fuzz package in release mode (its own scratch path, no sanitizers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${PALLET_CORPUS:-$root/../shared/testdata/nupkg-corpus}
nice -n 10 swift build -c release --package-path "$root/Fuzz" --scratch-path "$root/Fuzz/.build/bench" --product ParseBench
"$root/Fuzz/.build/bench/release/ParseBench" "$corpus"
