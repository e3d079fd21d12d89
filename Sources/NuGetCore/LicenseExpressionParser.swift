// Tokenizing is NuGet's `LicenseExpressionTokenizer` (split on spaces, peel parentheses off each
// piece, `AND`/`OR`/`WITH` recognised case-sensitively); parsing is recursive descent with NuGet's
// precedence (WITH > AND > OR), which accepts exactly what its shunting-yard parser accepts.

/// One parse of a license expression.
struct LicenseExpressionParser {
    enum Token: Equatable {
        case open, close, and, or, with
        case value(String)
    }

    private var tokens: [Token]
    private var position = 0

    init(_ text: String) throws {
        let trimmed = text.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { throw LicenseExpressionError.empty }
        let allowed = trimmed.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"):
                return true
            default:
                return false
            }
        }
        guard allowed else { throw LicenseExpressionError.invalidCharacters(text) }
        tokens = []
        for piece in trimmed.split(separator: " ") {
            var word = Substring(piece)
            var closing = 0
            while word.first == "(" { tokens.append(.open); word = word.dropFirst() }
            while word.last == ")" { closing += 1; word = word.dropLast() }
            switch word {
            case "": break
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "WITH": tokens.append(.with)
            default: tokens.append(.value(String(word)))
            }
            tokens.append(contentsOf: repeatElement(.close, count: closing))
        }
    }

    mutating func parse() throws -> LicenseExpression.Node {
        let node = try parseOr()
        if position < tokens.count {
            if tokens[position] == .close { throw LicenseExpressionError.mismatchedParentheses }
            throw LicenseExpressionError.unexpectedToken(Self.text(tokens[position]))
        }
        return node
    }

    private mutating func parseOr() throws -> LicenseExpression.Node {
        var node = try parseAnd()
        while next == .or {
            position += 1
            node = .or(node, try parseAnd())
        }
        return node
    }

    private mutating func parseAnd() throws -> LicenseExpression.Node {
        var node = try parsePrimary()
        while next == .and {
            position += 1
            node = .and(node, try parsePrimary())
        }
        return node
    }

    private mutating func parsePrimary() throws -> LicenseExpression.Node {
        guard let token = next else { throw LicenseExpressionError.invalidExpression }
        position += 1
        switch token {
        case .open:
            let inner = try parseOr()
            guard next == .close else {
                if next == nil { throw LicenseExpressionError.mismatchedParentheses }
                throw LicenseExpressionError.unexpectedToken(Self.text(next!))
            }
            position += 1
            if next == .with { throw LicenseExpressionError.invalidExpression }  // WITH takes a single license
            return inner
        case .value(let value):
            let (id, plus) = try Self.license(value)
            guard next == .with else { return .license(id: id, plus: plus) }
            position += 1
            guard case .value(let exception)? = next else { throw LicenseExpressionError.invalidExpression }
            position += 1
            try Self.checkException(exception)
            return .with(license: id, plus: plus, exception: exception)
        case .close:
            throw LicenseExpressionError.mismatchedParentheses
        case .and, .or, .with:
            throw LicenseExpressionError.unexpectedToken(Self.text(token))
        }
    }

    private var next: Token? { position < tokens.count ? tokens[position] : nil }

    /// NuGet's `NuGetLicense.Parse`: exact (case-sensitive) match first, then a trailing `+`.
    private static func license(_ value: String) throws -> (String, Bool) {
        if SPDXLicenseList.licenses.contains(value) || value == "UNLICENSED" { return (value, false) }
        if SPDXLicenseList.deprecatedLicenses.contains(value) { throw LicenseExpressionError.deprecatedIdentifier(value) }
        var id = value
        let plus = value.hasSuffix("+")
        if plus { id.removeLast() }
        if SPDXLicenseList.deprecatedLicenses.contains(id) { throw LicenseExpressionError.deprecatedIdentifier(value) }
        if SPDXLicenseList.licenses.contains(id) { return (id, plus) }
        if SPDXLicenseList.exceptions.contains(id) { throw LicenseExpressionError.wrongKindOfIdentifier(id) }
        guard isIdentifier(id) else { throw LicenseExpressionError.invalidIdentifier(value) }
        return (id, plus)  // non-standard: allowed by the grammar, flagged by hasUnknownIdentifier
    }

    /// NuGet's `NuGetLicenseException.Parse`.
    private static func checkException(_ value: String) throws {
        if SPDXLicenseList.exceptions.contains(value) { return }
        if SPDXLicenseList.deprecatedExceptions.contains(value) { throw LicenseExpressionError.deprecatedIdentifier(value) }
        if SPDXLicenseList.licenses.contains(value) || SPDXLicenseList.deprecatedLicenses.contains(value) {
            throw LicenseExpressionError.wrongKindOfIdentifier(value)
        }
        guard isIdentifier(value) else { throw LicenseExpressionError.invalidIdentifier(value) }
    }

    /// SPDX idstring characters, `[A-Za-z0-9.-]` (NuGet's `NuGetLicense.HasValidCharacters`).
    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            NuGetVersion.isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }

    private static func text(_ token: Token) -> String {
        switch token {
        case .open: return "("
        case .close: return ")"
        case .and: return "AND"
        case .or: return "OR"
        case .with: return "WITH"
        case .value(let value): return value
        }
    }
}
