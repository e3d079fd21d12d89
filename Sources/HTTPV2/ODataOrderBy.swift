import Gallery

/// A parsed `$orderby`: comma-separated properties (or `tolower(Property)`), each `asc` or `desc`.
public struct ODataOrderBy: Sendable, Equatable {
    /// One sort key.
    public struct Key: Sendable, Equatable {
        public var expression: ODataFilter
        public var descending: Bool
    }

    public var keys: [Key]

    /// Parses an `$orderby` value (already percent-decoded).
    public init(parsing text: String) throws(ODataError) {
        var keys: [Key] = []
        for part in Self.splitTopLevel(text) {
            var tokens = try ODataLexer.tokens(part)
            var descending = false
            if case .word(let word)? = tokens.last, ["asc", "desc"].contains(word.lowercased()) {
                descending = word.lowercased() == "desc"
                tokens.removeLast()
            }
            var parser = ODataParser(tokens: tokens, source: part)
            let expression: ODataFilter
            do {
                expression = try parser.parseFilter()
            } catch {
                throw .invalid("The $orderby '\(text)' is not supported.")
            }
            keys.append(Key(expression: expression, descending: descending))
        }
        guard !keys.isEmpty else { throw .invalid("The $orderby option is empty.") }
        self.keys = keys
    }

    /// Every property the keys read.
    var properties: Set<V2Property> { keys.reduce(into: Set()) { $0.formUnion($1.expression.properties) } }

    /// The values of the keys for one row.
    func keyValues(_ row: V2Row, urls: FeedURLs) -> [ODataValue] {
        keys.map { $0.expression.evaluate(row, urls: urls) }
    }

    /// Sorts rows stably by the keys (values evaluated earlier, `V2Row.sortKeys`, are used as they are).
    func sort(_ rows: inout [V2Row], urls: FeedURLs) {
        let keyed = rows.enumerated().map { index, row in
            (index, row, row.sortKeys ?? keyValues(row, urls: urls))
        }
        let sorted = keyed.sorted { a, b in
            for (n, key) in keys.enumerated() {
                let order = ODataValue.compare(a.2[n], b.2[n])
                if order != 0 { return key.descending ? order > 0 : order < 0 }
            }
            return a.0 < b.0
        }
        rows = sorted.map(\.1)
    }

    /// Splits on commas outside parentheses and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quoted = false
        for c in text {
            if c == "'" { quoted.toggle() }
            if !quoted, c == "(" { depth += 1 }
            if !quoted, c == ")" { depth -= 1 }
            if !quoted, depth == 0, c == "," {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.trimmingSpaces().isEmpty { parts.append(current) }
        return parts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
