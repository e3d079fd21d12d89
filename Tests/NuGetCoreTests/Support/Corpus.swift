import Foundation

/// The shared corpus of real packages (/work/shared/testdata/nupkg-corpus), found relative to this file:
/// `Tests/NuGetCoreTests/Support/` → repository root → `../shared/testdata/nupkg-corpus`.
/// `PALLET_CORPUS` overrides the location.
enum Corpus {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["PALLET_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("../shared/testdata/nupkg-corpus").standardized
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "/work/shared/testdata/nupkg-corpus")
    }()

    /// One MANIFEST.tsv row.
    struct Row: Sendable {
        var file: String
        var sha512: String
        var id: String
        var version: String
        var notes: String
    }

    /// MANIFEST.tsv rows keyed by relative file path (`valid/A.1.0.0.nupkg`).
    static let manifest: [String: Row] = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else {
            return [:]
        }
        var rows: [String: Row] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 10 else { continue }
            rows[columns[0]] = Row(file: columns[0], sha512: columns[3], id: columns[5], version: columns[6], notes: columns[9])
        }
        return rows
    }()

    /// Relative paths of the files in one folder, sorted.
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix("nupkg") }.sorted().map { "\(folder)/\($0)" }
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

