/// The token and id bytes of every searchable text, laid out contiguously.
///
/// A query scans 10k packages; chasing a pointer per package per field to reach its tokens
/// cost more than the comparisons themselves (measured: ~7 ms versus ~1 ms for one word),
/// so the scan reads flat arrays instead. Replaced texts leave garbage behind, reclaimed by
/// `SearchIndexState.compactIfNeeded()`.
struct TokenPool: Sendable {
    var tokens: [Int32] = []
    var texts: [TextRow] = []
    var idBytes: [UInt8] = []
    /// Tokens still referenced by a row (the rest is garbage).
    var liveTokens = 0

    /// Copies a text's tokens in; returns its row number.
    mutating func add(_ text: PackageText) -> Int32 {
        let start = Int32(tokens.count)
        tokens += text.tokens
        liveTokens += text.tokens.count
        texts.append(TextRow(start: start, ends: text.ends.map { start + Int32($0) }))
        return Int32(texts.count - 1)
    }

    /// Copies a lower id in; returns where it lies.
    mutating func add(lowerID: String) -> (start: Int32, count: Int32) {
        let start = Int32(idBytes.count)
        idBytes += lowerID.utf8
        return (start, Int32(idBytes.count) - start)
    }

    /// Marks a text as garbage.
    mutating func release(_ text: Int32) {
        let row = texts[Int(text)]
        liveTokens -= Int(row.end - row.start)
    }

    /// Garbage outweighs live data (ids are small and ride along).
    var needsCompaction: Bool { tokens.count > 2 * liveTokens + 65_536 }
}

/// Where one text's fields lie in `TokenPool.tokens` (absolute offsets), inline.
struct TextRow: Sendable {
    /// Lane 0 is the start; lane `k + 1` is the end of `TextField(rawValue: k)`.
    let bounds: SIMD8<Int32>

    init(start: Int32, ends: [Int32]) {
        var bounds = SIMD8<Int32>(repeating: start)
        for (n, end) in ends.enumerated() { bounds[n + 1] = end }
        self.bounds = bounds
    }

    var start: Int32 { bounds[0] }
    var end: Int32 { bounds[TextField.allCases.count] }

    /// The offsets of one field.
    func range(_ field: TextField) -> Range<Int> {
        Int(bounds[field.rawValue])..<Int(bounds[field.rawValue + 1])
    }

    /// The offsets free words are matched in: every field but the package types.
    var wordRange: Range<Int> { Int(bounds[0])..<Int(bounds[TextField.packageTypes.rawValue]) }
}

/// What the scan reads for one slot, inline (no pointers).
struct ScanRow: Sendable {
    /// The pool text each filter combination sees, -1 when it leaves no listed version.
    var texts: SIMD4<Int32>
    var idStart: Int32
    var idCount: Int32
    var downloads: Int64

    static let empty = ScanRow(texts: SIMD4(repeating: -1), idStart: 0, idCount: 0, downloads: 0)
}
