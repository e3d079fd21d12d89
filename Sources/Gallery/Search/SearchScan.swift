/// Unchecked views of one snapshot's flat arrays: the innermost loops of every query run
/// here. Valid only inside `SearchIndexState.withScan`.
struct SearchScan {
    let rows: UnsafeBufferPointer<ScanRow>
    let texts: UnsafeBufferPointer<TextRow>
    let tokens: UnsafeBufferPointer<Int32>
    let idBytes: UnsafeBufferPointer<UInt8>

    /// How well a word matches a text: 3 id token, 2 title or tags, 1 description, summary or
    /// authors, 0 not at all. Fields are stored in that order, so the first hit is the best.
    func level(of word: TokenSet, in text: TextRow) -> Int {
        guard let first = word.firstMatch(in: tokens, text.wordRange) else { return 0 }
        if first < text.range(.id).upperBound { return 3 }
        if first < text.range(.tags).upperBound { return 2 }
        return 1
    }

    /// Whether a word matches a token of one field (`field:value` filters, autocomplete).
    func matches(_ word: TokenSet, _ field: TextField, in text: TextRow) -> Bool {
        word.firstMatch(in: tokens, text.range(field)) != nil
    }

    /// Whether one field holds exactly this token (package types).
    func contains(_ token: Int32, _ field: TextField, in text: TextRow) -> Bool {
        for n in text.range(field) where tokens[n] == token { return true }
        return false
    }

    func idEquals(_ row: ScanRow, _ bytes: [UInt8]) -> Bool {
        Int(row.idCount) == bytes.count && idStarts(row, with: bytes)
    }

    func idStarts(_ row: ScanRow, with bytes: [UInt8]) -> Bool {
        guard Int(row.idCount) >= bytes.count else { return false }
        if bytes.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { memcmpEqual(idBytes.baseAddress! + Int(row.idStart), $0.baseAddress!, bytes.count) }
    }

    func idContains(_ row: ScanRow, _ bytes: [UInt8]) -> Bool {
        let count = Int(row.idCount)
        guard bytes.count <= count else { return false }
        if bytes.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { needle in
            let base = idBytes.baseAddress! + Int(row.idStart)
            for offset in 0...(count - bytes.count) where memcmpEqual(base + offset, needle.baseAddress!, bytes.count) {
                return true
            }
            return false
        }
    }
}

extension SearchIndexState {
    /// Runs `body` with unchecked views of the flat arrays.
    func withScan<Result>(_ body: (SearchScan) -> Result) -> Result {
        rows.withUnsafeBufferPointer { rows in
            pool.texts.withUnsafeBufferPointer { texts in
                pool.tokens.withUnsafeBufferPointer { tokens in
                    pool.idBytes.withUnsafeBufferPointer { idBytes in
                        body(SearchScan(rows: rows, texts: texts, tokens: tokens, idBytes: idBytes))
                    }
                }
            }
        }
    }
}
