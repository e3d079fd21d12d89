public import Foundation

/// The one reader of the shared corpus of real `.nupkg` files (`../shared/testdata/nupkg-corpus` beside the
/// repository, or `PALLET_CORPUS`), read in place (never copied into the repository), and its `MANIFEST.tsv`.
///
/// A fresh clone alone has no corpus: suites that read it are disabled with `Corpus.missingReason` printed.
public enum Corpus {
    /// The corpus folder: `PALLET_CORPUS`, else `../shared/testdata/nupkg-corpus` found upwards from this file.
    public static let root: URL = {
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

    /// Whether the corpus and its manifest are there.
    public static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("MANIFEST.tsv").path) }

    /// Why corpus suites are disabled, printed by the test runner.
    public static let missingReason = "the shared nupkg corpus is not at \(root.path) (set PALLET_CORPUS)"

    /// One manifest row.
    public struct Entry: Sendable {
        /// Path relative to the corpus root (`valid/A.1.0.0.nupkg`).
        public let file: String
        public let sha512: String
        public let id: String
        public let version: String
        public let notes: String

        public var url: URL { Corpus.root.appendingPathComponent(file) }
        /// Shares id and normalized version with an earlier file: its push must be 409.
        public var isDuplicate: Bool { notes.hasPrefix("[dup]") }
        /// nuget.org policy rather than the format decides (accepting or refusing both defensible).
        public var isSoft: Bool { notes.hasPrefix("[soft]") }
    }

    /// Every manifest row, in file order (a `[dup]` row always follows the row it duplicates); empty without a corpus.
    public static let entries: [Entry] = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 10 else { return nil }
            return Entry(file: columns[0], sha512: columns[3], id: columns[5], version: columns[6], notes: columns[9])
        }
    }()

    /// Manifest rows keyed by relative file path.
    public static let manifest: [String: Entry] = Dictionary(entries.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })

    /// Rows under `valid/`.
    public static func valid() -> [Entry] { entries.filter { $0.file.hasPrefix("valid/") } }

    /// Rows under `invalid/` whose refusal is a format matter (not `[soft]`).
    public static func invalid() -> [Entry] { entries.filter { $0.file.hasPrefix("invalid/") && !$0.isSoft } }

    /// Relative paths of the `.nupkg` files in one folder, sorted.
    public static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix("nupkg") }.sorted().map { "\(folder)/\($0)" }
    }

    /// The absolute path of a corpus file.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
