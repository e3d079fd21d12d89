#!/usr/bin/env bash
# Generates the seed corpus for one fuzz target into Fuzz/corpus-TARGET (git-ignored).
# Seeds come from the protocol notes' tables and from the shared nupkg corpus, so nothing binary is committed.
set -euo pipefail
target=${1:?target}
here=$(cd "$(dirname "$0")" && pwd)
testdata=${PALLET_TESTDATA:-$here/../../shared/testdata/nupkg-corpus}
out="$here/corpus-$target"
mkdir -p "$out"
seed() { printf '%s' "$2" > "$out/$1"; }
case "$target" in
FuzzVersion)
    i=0
    for v in 1 1.0 1.0.0 1.0.0.0 1.01.1 1.00.0.1 1.0.01.0 1.0.7+r3456 1.0.0-Beta 1.0.0-rc.01 1.0.0-alpha.1 \
             1.0.0+sha 1.0.0-1beta 2147483647.0.0 2147483648.0.0 " 1.0 " 1.0.0-a-b.c-d+e.f 004.0.01.0 1.. -1 \
             1.0.0- 1.0.0+ 1.2.3.4.5 9.0.2-beta1 1.0.1518.46-preview.230207.17; do
        seed "v$i" "$v"; i=$((i + 1))
    done ;;
FuzzRange)
    i=0
    for r in 1.0 "[1.0,)" "(1.0,)" "[1.0]" "(,1.0]" "(,1.0)" "[1.0,2.0]" "(1.0,2.0)" "[1.0,2.0)" "(1.0)" "(, )" "" \
             "*" "1.*" "1.2.*" "1.0.0-*" "1.0.0-beta*" "*-*" "1.*-*" "*-rc.*" "[2.14.0, )" "[1.0.0-alpha.1, )" \
             "[15.106.0.preview]" "[1.0.0+meta, 2.0.0)" "(2.0,1.0)"; do
        seed "r$i" "$r"; i=$((i + 1))
    done ;;
FuzzNuspec)
    for f in "$testdata"/valid/*.nupkg "$testdata"/symbols/*.nupkg; do
        name=$(basename "$f" .nupkg)
        unzip -p "$f" '*.nuspec' > "$out/$name.nuspec" 2>/dev/null || rm -f "$out/$name.nuspec"
    done
    seed doctype '<!DOCTYPE package [<!ENTITY a "b">]><package/>'
    seed utf16-bom $'\xff\xfe<\x00p\x00/\x00>\x00' ;;
FuzzNupkg)
    # Small real packages only: libFuzzer's default -max_len is derived from the corpus.
    find "$testdata" -name '*.nupkg' -size -12k -exec cp {} "$out/" \; ;;
*) echo "unknown target $target" >&2; exit 2 ;;
esac
echo "$(ls "$out" | wc -l) seeds in $out"
