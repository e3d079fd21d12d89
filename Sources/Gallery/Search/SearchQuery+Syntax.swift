extension SearchQuery {
    /// Splits `q` into free terms and `field:value` filters.
    ///
    /// Tokens are separated by whitespace; `"…"` keeps spaces in a phrase or a value
    /// (`id:"a b"`). A token `name:value` whose name is a known field becomes a filter; an
    /// unknown name drops the whole token, as nuget.org does (`foo:bar baz` = `baz`). Empty
    /// values (`id:`) are ignored.
    static func parseTerms(_ q: String) -> (terms: [String], filters: [SearchFieldFilter]) {
        var terms: [String] = []
        var filters: [SearchFieldFilter] = []
        var rest = Substring(q)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard let first = rest.first else { break }
            if first == "\"" {
                let phrase = readQuoted(&rest).trimmedForSearch()
                if !phrase.isEmpty { terms.append(phrase) }
                continue
            }
            let head = rest.prefix { !$0.isWhitespace && $0 != ":" && $0 != "\"" }
            rest = rest.dropFirst(head.count)
            guard rest.first == ":" else {
                // A plain word (possibly glued to a quote, which starts the next token).
                if !head.isEmpty { terms.append(String(head)) }
                continue
            }
            rest = rest.dropFirst()
            let value: String
            if rest.first == "\"" {
                value = readQuoted(&rest)
            } else {
                value = String(rest.prefix { !$0.isWhitespace })
                rest = rest.drop { !$0.isWhitespace }
            }
            let trimmed = value.trimmedForSearch()
            guard let field = SearchField(name: head), !trimmed.isEmpty else { continue }
            filters.append(SearchFieldFilter(field, trimmed))
        }
        return (terms, filters)
    }

    /// Reads `"…"` from the start of `rest`; an unterminated quote runs to the end.
    private static func readQuoted(_ rest: inout Substring) -> String {
        rest = rest.dropFirst()
        let inside = rest.prefix { $0 != "\"" }
        rest = rest.dropFirst(inside.count)
        if rest.first == "\"" { rest = rest.dropFirst() }
        return String(inside)
    }
}
