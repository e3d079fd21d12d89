/// HTML for long row lists (one row per owned package) built in Swift instead of by the template engine.
/// swift-mustache renders a section by reflecting (`Mirror`) over each row model and looking every name up
/// through the context stack, about 40 µs a row: 10,000 rows cost most of a second. Appending strings costs
/// a few µs a row, so the account pages render their package rows here and insert them with `{{{…}}}`.
/// Every value goes through `RowHTML.escape`, which escapes exactly as Mustache's `{{value}}` does, so the
/// bytes sent are the same as when the template rendered the rows.
enum RowHTML {
    /// Escapes `<`, `>`, `&`, `"` and `'` like swift-mustache's `htmlEscape` (same replacements).
    static func escape(_ text: String) -> String {
        // Most ids and versions need no escaping: return them as they are without copying.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
        else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
