// Fills a SearchIndex with synthetic packages and measures query latency (see run.sh).
import Dispatch
import Foundation
import Gallery
import NuGetProtocol

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let packageCount = arguments.first ?? 10_000
let versionsPerPackage = arguments.dropFirst().first ?? 10
let iterations = arguments.dropFirst(2).first ?? 300

/// Deterministic generator (SplitMix64), so runs compare.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

var rng = SplitMix(state: 42)
let syllables = ["con", "to", "so", "json", "net", "web", "core", "data", "http", "log", "xml", "test", "task", "cloud",
                 "sql", "auth", "ser", "ial", "izer", "fast", "micro", "soft", "azure", "graph", "ui", "kit", "io", "map"]
func word() -> String { (0..<Int.random(in: 1...3, using: &rng)).map { _ in syllables.randomElement(using: &rng)! }.joined() }
func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
let commonWords = (0..<4000).map { _ in word() + String(Int.random(in: 0..<50, using: &rng)) } + ["the", "a", "for", "and", "with", "library"]

let epoch = Date(timeIntervalSince1970: 1_700_000_000)
var packages: [[PackageVersionRecord]] = []
var names = Set<String>()
while packages.count < packageCount {
    let id = (0..<Int.random(in: 2...4, using: &rng)).map { _ in capitalized(word()) }.joined(separator: ".")
    guard names.insert(id.lowercased()).inserted else { continue }
    let description = (0..<Int.random(in: 8...40, using: &rng)).map { _ in commonWords.randomElement(using: &rng)! }.joined(separator: " ")
    let tags = (0..<Int.random(in: 0...5, using: &rng)).map { _ in word() }
    let isTool = Int.random(in: 0..<20, using: &rng) == 0
    let records = (0..<versionsPerPackage).map { n -> PackageVersionRecord in
        let prerelease = n % 4 == 3
        let semVer2 = n % 7 == 6
        let normalized = "\(n / 3 + 1).\(n % 3).0" + (prerelease ? "-beta\(n)" : "")
        return PackageVersionRecord(
            id: id, version: normalized + (semVer2 ? "+sha.\(n)" : ""), normalizedVersion: normalized, verbatimVersion: normalized,
            isPrerelease: prerelease, isSemVer2: semVer2, listed: Int.random(in: 0..<10, using: &rng) != 0,
            created: epoch, published: epoch, packageSize: 1000, packageHash: "h", downloads: Int64.random(in: 0..<100_000, using: &rng),
            metadata: PackageMetadata(
                title: Bool.random(using: &rng) ? id.replacingOccurrences(of: ".", with: " ") : nil,
                authors: capitalized(word()) + ", " + capitalized(word()), description: description,
                summary: Bool.random(using: &rng) ? description.prefix(60).description : nil, tags: tags,
                projectUrl: "https://example.com/\(id)", licenseExpression: "MIT",
                packageTypes: isTool ? [PackageTypeInfo(name: "DotnetTool")] : []
            )
        )
    }
    packages.append(records)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
/// CPU time of this thread: on a machine shared with other builds, wall time mostly measures
/// the scheduler, so both are reported.
func cpuNow() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

let index = SearchIndex()
var start = now()
for records in packages { index.upsert(records, owners: ["owner\(records[0].id.count % 50)"]) }
print(String(format: "load: %d packages, %d versions in %.0f ms (%d searchable)", packageCount, packageCount * versionsPerPackage,
             Double(now() - start) / 1e6, index.count))

let sampleID = packages[1234][0].id
let renderer = SearchResponseRenderer(urls: FeedURLs(base: "https://pkgs.example.com"))
let queries: [(String, () -> Void)] = [
    ("browse (empty q, take 20)", { _ = index.search(SearchQuery(includePrerelease: true, includeSemVer2: true)) }),
    ("browse skip 2000 take 100", { _ = index.search(SearchQuery(skip: 2000, take: 100, includePrerelease: true, includeSemVer2: true)) }),
    ("one word 'json'", { _ = index.search(SearchQuery(q: "json", includePrerelease: true, includeSemVer2: true)) }),
    ("one word, semver1 stable", { _ = index.search(SearchQuery(q: "web")) }),
    ("three words", { _ = index.search(SearchQuery(q: "fast json serializer", includePrerelease: true, includeSemVer2: true)) }),
    ("rare word", { _ = index.search(SearchQuery(q: commonWords[17], includePrerelease: true, includeSemVer2: true)) }),
    ("exact id", { _ = index.search(SearchQuery(q: sampleID, includePrerelease: true, includeSemVer2: true)) }),
    ("packageid: filter", { _ = index.search(SearchQuery(q: "packageid:\(sampleID)", includePrerelease: true, includeSemVer2: true)) }),
    ("id: + tags: + owner:", { _ = index.search(SearchQuery(q: "id:json tags:core owner:owner12", includePrerelease: true)) }),
    ("packageType DotnetTool", { _ = index.search(SearchQuery(q: "data", includeSemVer2: true, packageType: "DotnetTool")) }),
    ("json + render + JSONEncoder", {
        _ = WireJSON.encode(renderer.render(index.search(SearchQuery(q: "json", includePrerelease: true, includeSemVer2: true)), semVer2: true))
    }),
    // What /v3/query does since the hand-written writer (the same bytes).
    ("json + render + wireBytes", {
        _ = renderer.render(index.search(SearchQuery(q: "json", includePrerelease: true, includeSemVer2: true)), semVer2: true).wireBytes
    }),
    ("autocomplete ids 'con'", { _ = index.autocompleteIDs(q: "con", prerelease: true, semVer2: true) }),
    ("autocomplete versions", { _ = index.autocompleteVersions(id: sampleID, prerelease: true, semVer2: true) }),
]

func percentile(_ sorted: [UInt64], _ q: Double) -> Double {
    Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]) / 1e6
}
var allWall: [UInt64] = [], allCPU: [UInt64] = []
print("query                              wall p50  wall p99   cpu p50   cpu p99  (ms)")
for (name, run) in queries {
    for _ in 0..<5 { run() }
    var wall: [UInt64] = [], cpu: [UInt64] = []
    for _ in 0..<iterations {
        let (w, c) = (now(), cpuNow())
        run()
        cpu.append(cpuNow() - c)
        wall.append(now() - w)
    }
    wall.sort()
    cpu.sort()
    allWall += wall
    allCPU += cpu
    print(String(format: "%-32@ %9.3f %9.3f %9.3f %9.3f", name as NSString,
                 percentile(wall, 0.5), percentile(wall, 0.99), percentile(cpu, 0.5), percentile(cpu, 0.99)))
}
allWall.sort()
allCPU.sort()
print(String(format: "all queries (%d runs): wall p50 %.3f p99 %.3f; cpu p50 %.3f p99 %.3f ms", allWall.count,
             percentile(allWall, 0.5), percentile(allWall, 0.99), percentile(allCPU, 0.5), percentile(allCPU, 0.99)))

// Writes while reading: one thread upserts (re-listing a package) while this one searches.
let writer = Thread {
    for n in 0..<2000 { index.upsert(packages[n % packages.count], owners: ["w"]) }
}
writer.start()
var mixedWall: [UInt64] = [], mixedCPU: [UInt64] = []
for _ in 0..<iterations {
    let (w, c) = (now(), cpuNow())
    _ = index.search(SearchQuery(q: "json", includePrerelease: true, includeSemVer2: true))
    mixedCPU.append(cpuNow() - c)
    mixedWall.append(now() - w)
}
mixedWall.sort()
mixedCPU.sort()
print(String(format: "'json' during concurrent upserts: wall p50 %.3f p99 %.3f; cpu p50 %.3f p99 %.3f ms",
             percentile(mixedWall, 0.5), percentile(mixedWall, 0.99), percentile(mixedCPU, 0.5), percentile(mixedCPU, 0.99)))
