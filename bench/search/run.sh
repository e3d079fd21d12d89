#!/bin/sh
# Search index micro-benchmark, optimized build, without a release build of the whole package
# (which compiles swift-nio, swift-crypto and BoringSSL: far too long on 2 cores).
#
# Compiles, with -O and whole-module optimization, exactly the sources search runs: NuGetVersion
# from NuGetCore, the search wire types from NuGetProtocol, the model and Search/ from Gallery;
# then fills 10k packages / 100k versions and prints p50/p99 of typical queries.
# Usage: bench/search/run.sh [packages] [versions-per-package] [iterations]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${TMPDIR:-/tmp}/pallet-search-bench
rm -rf "$OUT" && mkdir -p "$OUT"
FLAGS="-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature InternalImportsByDefault -I $OUT -L $OUT"
S=$ROOT/Sources

lib() { # name, sources…
    name=$1; shift
    swiftc $FLAGS -parse-as-library -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
        -emit-library -static -o "$OUT/lib$name.a" "$@"
}

lib NuGetCore "$S/NuGetCore/NuGetCoreError.swift" "$S"/NuGetCore/NuGetVersion*.swift "$S"/NuGetCore/PackageID*.swift \
    "$S"/NuGetCore/VersionRange*.swift "$S"/NuGetCore/FloatRange*.swift
lib NuGetProtocol "$S"/NuGetProtocol/SearchResponse*.swift "$S/NuGetProtocol/AutocompleteResponse.swift" \
    "$S/NuGetProtocol/Shared/Deprecation.swift" "$S/NuGetProtocol/Support/WireJSON.swift" "$S/NuGetProtocol/Support/WireJSONWriter.swift" "$S/NuGetProtocol/Support/WireDate.swift"
# SearchAnswerCache counts hits in GalleryMetrics (swift-metrics): not part of what a query costs, left out.
lib Gallery $(ls "$S"/Gallery/Search/*.swift | grep -v SearchAnswerCache) "$S/Gallery/V2/FeedPackage.swift" "$S"/Gallery/Model/*.swift "$S/Gallery/Documents/FeedURLs.swift" "$S/Gallery/GalleryError.swift" \
    "$S/Gallery/Vulnerabilities/VulnerabilityRenderer.swift"
# The driver is a script: Swift 5 mode spares it strict-concurrency ceremony around globals.
swiftc $FLAGS -swift-version 5 -module-name SearchBench -o "$OUT/search-bench" "$ROOT/bench/search/main.swift" -lGallery -lNuGetProtocol -lNuGetCore -lswiftSynchronization
"$OUT/search-bench" "$@"
