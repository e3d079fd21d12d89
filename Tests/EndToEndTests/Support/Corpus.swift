import Foundation
import Testing

/// The shared corpus of real `.nupkg` files (`/work/shared/testdata/nupkg-corpus`), read in place
/// (never copied into the repository), and its `MANIFEST.tsv`.
enum Corpus {
    /// `…/shared/testdata/nupkg-corpus`, found from this file: Tests/EndToEndTests/Support → repo root → `../shared`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testdata/nupkg-corpus").standardizedFileURL

    /// One manifest row.
    struct Entry: Sendable, CustomTestStringConvertible {
        /// Path relative to the corpus root (`valid/A.1.0.0.nupkg`).
        let file: String
        let sha512: String
        let id: String
        let version: String
        let notes: String

        var url: URL { Corpus.root.appendingPathComponent(file) }
        /// Shares id and normalized version with an earlier file: its push must be 409.
        var isDuplicate: Bool { notes.hasPrefix("[dup]") }
        /// nuget.org policy rather than the format decides (accepting or refusing both defensible).
        var isSoft: Bool { notes.hasPrefix("[soft]") }
        var testDescription: String { file }
    }

    /// Every manifest row, in file order (a `[dup]` row always follows the row it duplicates).
    static func entries() throws -> [Entry] {
        let text = try String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 10 else { return nil }
            return Entry(file: columns[0], sha512: columns[3], id: columns[5], version: columns[6], notes: columns[9])
        }
    }

    /// Rows under `valid/`.
    static func valid() -> [Entry] { ((try? entries()) ?? []).filter { $0.file.hasPrefix("valid/") } }

    /// Rows under `invalid/` whose refusal is a format matter (not `[soft]`).
    static func invalid() -> [Entry] {
        ((try? entries()) ?? []).filter { $0.file.hasPrefix("invalid/") && !$0.isSoft }
    }
}
