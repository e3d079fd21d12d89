/// Splits ids and free text into the lowercased tokens search compares.
///
/// nuget.org's id analyzer splits on `.`, `-`, `_` and camel case (`NuGet.Core` is found by
/// `nuget`, `get` and `core`), keeping the whole dotted parts too. Text fields are split on
/// anything that is not a letter or digit.
enum SearchTokenizer {
    /// Lowercased id tokens: every separator-delimited part, plus its camel-case pieces.
    static func idTokens(_ id: String) -> [String] {
        if let ascii = ASCIIText(id) { return unique(ascii.idTokens()) }
        return unicodeIDTokens(id)
    }

    /// `idTokens` by Unicode characters (any text; the ASCII path must answer the same).
    static func unicodeIDTokens(_ id: String) -> [String] {
        var tokens: [String] = []
        for part in id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            tokens.append(part.lowercased())
            let pieces = camelCasePieces(part)
            if pieces.count > 1 { tokens.append(contentsOf: pieces.map { $0.lowercased() }) }
        }
        return unique(tokens)
    }

    /// Lowercased words of free text.
    static func textTokens(_ text: String) -> [String] {
        unique(words(text))
    }

    /// Lowercased words, duplicates kept (for query terms, where order does not matter either).
    static func words(_ text: String) -> [String] {
        if let ascii = ASCIIText(text) { return ascii.words().map { ascii.lowercased($0) } }
        return unicodeWords(text)
    }

    /// `words` by Unicode characters (any text; the ASCII path must answer the same).
    static func unicodeWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.lowercased() }
    }

    /// `XMLParser2Go` → `XML`, `Parser2`, `Go`: a boundary before an upper-case letter that
    /// follows a lower-case letter or digit, or that starts a word after an acronym.
    static func camelCasePieces(_ part: Substring) -> [Substring] {
        let chars = Array(part.indices)
        guard chars.count > 1 else { return [part] }
        var pieces: [Substring] = []
        var start = part.startIndex
        for n in 1..<chars.count {
            let previous = part[chars[n - 1]], current = part[chars[n]]
            guard current.isUppercase else { continue }
            let afterLower = previous.isLowercase || previous.isNumber
            let endsAcronym = previous.isUppercase && n + 1 < chars.count && part[chars[n + 1]].isLowercase
            if afterLower || endsAcronym {
                pieces.append(part[start..<chars[n]])
                start = chars[n]
            }
        }
        pieces.append(part[start...])
        return pieces
    }

    /// The tokens without repeats, first occurrences in order. A field has a few dozen tokens at most: comparing
    /// with the ones kept is cheaper than hashing each into a set (start-up tokenizes every id's latest version).
    private static func unique(_ tokens: [String]) -> [String] {
        guard tokens.count > 48 else {
            var kept: [String] = []
            kept.reserveCapacity(tokens.count)
            for token in tokens where !kept.contains(token) { kept.append(token) }
            return kept
        }
        var seen = Set<String>()
        return tokens.filter { seen.insert($0).inserted }
    }
}

/// The same splitting on pure-ASCII text, byte by byte: start-up tokenizes the latest version of every id, and
/// `Character.isLetter` (a Unicode property look-up per character) made that most of search's share of it.
/// For ASCII the answers are the same: the letters are A–Z and a–z, the digits 0–9, every other byte (and the
/// one two-byte grapheme, CR LF) separates, and lowercasing maps A–Z only. Any non-ASCII byte takes the
/// Unicode path.
struct ASCIIText {
    let bytes: [UInt8]

    init?(_ text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte)
        }
        self.bytes = bytes
    }

    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isWordByte(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) || isDigit(b) }

    /// The ranges of letters and digits, in order (`split` omitting empty parts).
    func words() -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for n in bytes.indices {
            if Self.isWordByte(bytes[n]) {
                if start == nil { start = n }
            } else if let first = start {
                out.append(first..<n)
                start = nil
            }
        }
        if let first = start { out.append(first..<bytes.count) }
        return out
    }

    func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map { Self.isUpper($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// `SearchTokenizer.idTokens` before de-duplication: each part lowercased, then its camel-case pieces.
    func idTokens() -> [String] {
        var tokens: [String] = []
        for part in words() {
            tokens.append(lowercased(part))
            let pieces = camelCasePieces(part)
            if pieces.count > 1 { tokens.append(contentsOf: pieces.map(lowercased)) }
        }
        return tokens
    }

    /// `SearchTokenizer.camelCasePieces` on bytes.
    func camelCasePieces(_ part: Range<Int>) -> [Range<Int>] {
        guard part.count > 1 else { return [part] }
        var pieces: [Range<Int>] = []
        var start = part.lowerBound
        for n in (part.lowerBound + 1)..<part.upperBound {
            let previous = bytes[n - 1], current = bytes[n]
            guard Self.isUpper(current) else { continue }
            let afterLower = Self.isLower(previous) || Self.isDigit(previous)
            let endsAcronym = Self.isUpper(previous) && n + 1 < part.upperBound && Self.isLower(bytes[n + 1])
            if afterLower || endsAcronym {
                pieces.append(start..<n)
                start = n
            }
        }
        pieces.append(start..<part.upperBound)
        return pieces
    }
}
