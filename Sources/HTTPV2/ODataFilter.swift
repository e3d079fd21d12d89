/// A parsed `$filter` of the OData subset NuGet clients send (protocol §7): comparisons, `and`,
/// `or`, `not`, parentheses, string functions and `V2FeedPackage` properties. Not a general
/// OData engine: anything else is refused with a message (400) rather than guessed.
public indirect enum ODataFilter: Sendable, Equatable {
    case literal(ODataValue)
    /// A property by its canonical name (`Id`, `IsLatestVersion`, …).
    case property(V2Property)
    /// `tolower(x)`, `substringof(a,b)`, … by lowercase name.
    case call(String, [ODataFilter])
    case not(ODataFilter)
    case and(ODataFilter, ODataFilter)
    case or(ODataFilter, ODataFilter)
    case compare(ODataComparison, ODataFilter, ODataFilter)

    /// Parses a `$filter` value (already percent-decoded).
    public init(parsing text: String) throws(ODataError) {
        var parser = ODataParser(tokens: try ODataLexer.tokens(text), source: text)
        self = try parser.parseFilter()
    }

    /// Every property the filter reads (the HTTP layer fetches download counts only when asked).
    var properties: Set<V2Property> {
        switch self {
        case .literal: []
        case .property(let p): [p]
        case .call(_, let arguments): arguments.reduce(into: Set()) { $0.formUnion($1.properties) }
        case .not(let e): e.properties
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b): a.properties.union(b.properties)
        }
    }
}

/// `eq`, `ne`, `gt`, `ge`, `lt`, `le`.
public enum ODataComparison: String, Sendable, Equatable {
    case eq, ne, gt, ge, lt, le
}

/// The functions of OData v2's string subset, with their arity.
enum ODataFunction {
    static let arity: [String: Int] = [
        "tolower": 1, "toupper": 1, "trim": 1, "length": 1,
        "substringof": 2, "startswith": 2, "endswith": 2, "indexof": 2, "concat": 2,
    ]
}

/// Recursive descent over the tokens: `or` < `and` < `not` < comparison < primary.
struct ODataParser {
    var tokens: [ODataToken]
    let source: String
    var position = 0

    mutating func parseFilter() throws(ODataError) -> ODataFilter {
        guard !tokens.isEmpty else { throw .invalid("The $filter option is empty.") }
        let filter = try parseOr()
        if position < tokens.count { throw .invalid("Unexpected '\(tokens[position].text)' in $filter '\(source)'.") }
        return filter
    }

    private mutating func parseOr() throws(ODataError) -> ODataFilter {
        var left = try parseAnd()
        while take(keyword: "or") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ODataError) -> ODataFilter {
        var left = try parseNot()
        while take(keyword: "and") { left = .and(left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ODataError) -> ODataFilter {
        if take(keyword: "not") { return .not(try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ODataError) -> ODataFilter {
        let left = try parsePrimary()
        if position < tokens.count, case .word(let word) = tokens[position],
           let comparison = ODataComparison(rawValue: word.lowercased()) {
            position += 1
            return .compare(comparison, left, try parsePrimary())
        }
        return left
    }

    private mutating func parsePrimary() throws(ODataError) -> ODataFilter {
        guard position < tokens.count else { throw .invalid("The $filter '\(source)' ends too early.") }
        let token = tokens[position]
        position += 1
        switch token {
        case .open:
            let inner = try parseOr()
            try expect(.close)
            return inner
        case .literal(let value):
            return .literal(value)
        case .word(let word):
            switch word.lowercased() {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            if position < tokens.count, tokens[position] == .open {
                return try parseCall(word)
            }
            guard let property = V2Property(odataName: word) else {
                throw .invalid("The property '\(word)' cannot be used in $filter or $orderby.")
            }
            return .property(property)
        case .close, .comma:
            throw .invalid("Unexpected '\(token.text)' in $filter '\(source)'.")
        }
    }

    private mutating func parseCall(_ name: String) throws(ODataError) -> ODataFilter {
        let lower = name.lowercased()
        guard let arity = ODataFunction.arity[lower] else {
            throw .invalid("The function '\(name)' is not supported in $filter.")
        }
        try expect(.open)
        var arguments: [ODataFilter] = []
        if position < tokens.count, tokens[position] != .close {
            arguments.append(try parseOr())
            while position < tokens.count, tokens[position] == .comma {
                position += 1
                arguments.append(try parseOr())
            }
        }
        try expect(.close)
        guard arguments.count == arity else {
            throw .invalid("The function '\(name)' takes \(arity) argument\(arity == 1 ? "" : "s").")
        }
        return .call(lower, arguments)
    }

    private mutating func take(keyword: String) -> Bool {
        guard position < tokens.count, case .word(let word) = tokens[position], word.lowercased() == keyword else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ token: ODataToken) throws(ODataError) {
        guard position < tokens.count, tokens[position] == token else {
            throw .invalid("Expected '\(token.text)' in $filter '\(source)'.")
        }
        position += 1
    }
}

/// A refused query option: answered 400 with this message.
public enum ODataError: Error, Sendable, Equatable {
    case invalid(String)

    /// The one-line message for the client.
    public var message: String {
        switch self { case .invalid(let m): m }
    }
}
