/// Splits ids and free text into the lowercased tokens search compares.
///
/// nuget.org's id analyzer splits on `.`, `-`, `_` and camel case (`NuGet.Core` is found by
/// `nuget`, `get` and `core`), keeping the whole dotted parts too. Text fields are split on
/// anything that is not a letter or digit.
enum SearchTokenizer {
    /// Lowercased id tokens: every separator-delimited part, plus its camel-case pieces.
    static func idTokens(_ id: String) -> [String] {
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

    private static func unique(_ tokens: [String]) -> [String] {
        var seen = Set<String>()
        return tokens.filter { seen.insert($0).inserted }
    }
}
