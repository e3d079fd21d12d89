/// Why a `<license type="expression">` value is not a license expression NuGet accepts
/// (NuGet.Packaging `NuGetLicenseExpressionParser`).
public enum LicenseExpressionError: NuGetCoreError, Equatable {
    /// Nothing but whitespace.
    case empty
    /// A character outside `[A-Za-z0-9.+-]`, space and parentheses.
    case invalidCharacters(String)
    /// A token in a place the grammar does not allow (`MIT OR OR Apache-2.0`, `MIT and Apache-2.0`:
    /// operators are upper case).
    case unexpectedToken(String)
    /// Unbalanced parentheses.
    case mismatchedParentheses
    /// The expression is incomplete (`MIT OR`, `()`), or `WITH` is not between a license and an exception.
    case invalidExpression
    /// A license identifier with characters SPDX does not allow (`MIT+x`).
    case invalidIdentifier(String)
    /// A deprecated SPDX identifier (`GPL-2.0`); NuGet asks for the current one (`GPL-2.0-only`).
    case deprecatedIdentifier(String)
    /// An exception identifier used as a license, or a license used after `WITH`.
    case wrongKindOfIdentifier(String)
    /// `UNLICENSED` combined with other identifiers.
    case unlicensedNotAlone

    public var message: String {
        switch self {
        case .empty:
            return "The license expression must not be empty."
        case .invalidCharacters(let text):
            return "The license expression '\(Self.shown(text))' contains characters other than letters, digits, '.', '-', '+', spaces and parentheses."
        case .unexpectedToken(let token):
            return "The license expression has an unexpected '\(Self.shown(token))'; operators AND, OR and WITH must be upper case."
        case .mismatchedParentheses:
            return "The license expression has mismatched parentheses."
        case .invalidExpression:
            return "The license expression is incomplete or malformed."
        case .invalidIdentifier(let id):
            return "'\(Self.shown(id))' is not a valid SPDX license identifier."
        case .deprecatedIdentifier(let id):
            return "The SPDX identifier '\(Self.shown(id))' is deprecated; use its current replacement."
        case .wrongKindOfIdentifier(let id):
            return "'\(Self.shown(id))' is used in the wrong place: licenses go before WITH, exceptions after it."
        case .unlicensedNotAlone:
            return "UNLICENSED cannot be combined with other license identifiers."
        }
    }

    private static func shown(_ text: String) -> String {
        text.count > 100 ? String(text.prefix(100)) + "…" : text
    }
}
