/// One token of a `$filter` / `$orderby` value.
enum ODataToken: Sendable, Equatable {
    case open, close, comma
    /// An identifier, keyword or operator (`Id`, `and`, `eq`, `tolower`, `desc`).
    case word(String)
    case literal(ODataValue)

    var text: String {
        switch self {
        case .open: "("
        case .close: ")"
        case .comma: ","
        case .word(let w): w
        case .literal(let v): v.text ?? "null"
        }
    }
}

/// Splits OData expressions into tokens. String literals are single-quoted with `''` for a quote
/// (OData v2 ABNF); `datetime'…'` is a date literal; numbers may carry an `L` suffix.
enum ODataLexer {
    static func tokens(_ text: String) throws(ODataError) -> [ODataToken] {
        let chars = Array(text)
        var tokens: [ODataToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\r", "\n": i += 1
            case "(": tokens.append(.open); i += 1
            case ")": tokens.append(.close); i += 1
            case ",": tokens.append(.comma); i += 1
            case "'":
                let (string, next) = try quoted(chars, from: i, source: text)
                tokens.append(.literal(.string(string)))
                i = next
            case "0"..."9", "-":
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                guard let number = Int64(String(chars[i..<j])) else {
                    throw .invalid("'\(String(chars[i..<j]))' is not a number in '\(text)'.")
                }
                if j < chars.count, chars[j] == "L" || chars[j] == "l" { j += 1 }
                tokens.append(.literal(.int(number)))
                i = j
            default:
                guard c.isLetter || c == "_" || c == "$" else {
                    throw .invalid("Unexpected character '\(c)' in '\(text)'.")
                }
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                let word = String(chars[i..<j])
                if word.lowercased() == "datetime", j < chars.count, chars[j] == "'" {
                    let (body, next) = try quoted(chars, from: j, source: text)
                    guard let date = ODataDate.parse(body) else { throw .invalid("'\(body)' is not a valid datetime.") }
                    tokens.append(.literal(.date(date)))
                    i = next
                } else {
                    tokens.append(.word(word))
                    i = j
                }
            }
        }
        return tokens
    }

    /// Reads `'…'` starting at the opening quote; returns the unescaped body and the index after the closing quote.
    static func quoted(_ chars: [Character], from start: Int, source: String) throws(ODataError) -> (String, Int) {
        var out = ""
        var i = start + 1
        while i < chars.count {
            if chars[i] == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" {
                    out.append("'")
                    i += 2
                    continue
                }
                return (out, i + 1)
            }
            out.append(chars[i])
            i += 1
        }
        throw .invalid("A quoted string is not closed in '\(source)'.")
    }

    /// An OData string parameter (`id='X'`, `searchTerm='json'`): the unquoted body; a bare value is
    /// taken as is (some clients omit the quotes).
    static func stringParameter(_ raw: String) throws(ODataError) -> String {
        let trimmed = raw.trimmingSpaces()
        guard trimmed.hasPrefix("'") else { return trimmed }
        let chars = Array(trimmed)
        let (body, next) = try quoted(chars, from: 0, source: raw)
        guard next == chars.count else { throw .invalid("Unexpected text after the quoted value \(raw).") }
        return body
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
