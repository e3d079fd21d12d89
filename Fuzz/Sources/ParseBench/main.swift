import Foundation
import NuGetCore
import ZIPFoundation

// Parse benchmark for NuGetCore: versions/s, nuspecs/s, nupkg open+hash MB/s (corpus and a generated 50 MB
// package), with `sha512sum` on the same file as the hashing ceiling. Run through bench/parse.sh.

let corpus = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "../shared/testdata/nupkg-corpus")
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func measure(_ label: String, unit: String, work: Double, repeats: Int = 3, _ body: () throws -> Void) rethrows {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = clock.now
        try body()
        best = min(best, seconds(clock.now - start))
    }
    print(label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%12.1f ", work / best) + unit)
}

// 1. Versions.
let versions = ["1.0.0", "1.0", "1.0.0.0", "1.01.1", "1.0.7+r3456", "1.0.0-Beta", "1.0.0-alpha.1", "2.14.0-rc.10+sha",
                "004.0.01.0", "1.0.1518.46-preview.230207.17"]
let versionRounds = 20_000
measure("NuGetVersion(parsing:)", unit: "versions/s", work: Double(versions.count * versionRounds)) {
    for _ in 0..<versionRounds { for text in versions { _ = try? NuGetVersion(parsing: text) } }
}

// 2. Nuspecs from the corpus.
let validFiles = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("valid").path)) ?? [])
    .filter { $0.hasSuffix(".nupkg") }.sorted().map { corpus.appendingPathComponent("valid/\($0)").path }
let nuspecs = validFiles.compactMap { try? NupkgReader.read(fileAt: $0).nuspecData }
let nuspecRounds = 20
measure("Nuspec(parsing:) over \(nuspecs.count) corpus nuspecs", unit: "nuspecs/s", work: Double(nuspecs.count * nuspecRounds)) {
    for _ in 0..<nuspecRounds { for data in nuspecs { _ = try? Nuspec(parsing: data) } }
}

// 3. Open + inflate-check + hash: the corpus, then a generated 50 MB package.
let corpusBytes = validFiles.reduce(0.0) { $0 + Double((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
measure("NupkgReader.read over \(validFiles.count) corpus files", unit: "MB/s", work: corpusBytes / 1e6) {
    for file in validFiles { _ = try? NupkgReader.read(fileAt: file) }
}

let big = FileManager.default.temporaryDirectory.appendingPathComponent("parsebench-\(getpid()).nupkg")
try? FileManager.default.removeItem(at: big)
do {
    let archive = try Archive(url: big, accessMode: .create)
    let nuspec = Data("""
        <package><metadata><id>Bench</id><version>1.0.0</version><authors>b</authors><description>d</description>
        </metadata></package>
        """.utf8)
    try archive.addEntry(with: "Bench.nuspec", type: .file, uncompressedSize: Int64(nuspec.count)) { position, size in
        nuspec.subdata(in: Int(position)..<Int(position) + size)
    }
    // Incompressible bytes (like compiled assemblies after deflate): 10 files of 5 MB, stored deflated.
    var generator = SystemRandomNumberGenerator()
    for index in 0..<10 {
        let payload = Data((0..<(5_000_000 / 8)).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } })
        try archive.addEntry(with: "lib/net8.0/File\(index).dll", type: .file, uncompressedSize: Int64(payload.count),
                             compressionMethod: .deflate) { position, size in
            payload.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
let bigSize = Double((try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int) ?? 0)
try measure("NupkgReader.read, generated \(Int(bigSize / 1e6)) MB package", unit: "MB/s", work: bigSize / 1e6) {
    _ = try NupkgReader.read(fileAt: big.path)
}
measure("sha512sum on the same file (hash ceiling)", unit: "MB/s", work: bigSize / 1e6) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha512sum")
    process.arguments = [big.path]
    process.standardOutput = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
}
try? FileManager.default.removeItem(at: big)
