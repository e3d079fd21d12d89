import NuGetCore
import Testing

@Suite("LicenseExpression")
struct LicenseExpressionTests {
    /// Input → (normalized, licenses, exceptions).
    static let valid: [(String, String, [String], [String])] = [
        ("MIT", "MIT", ["MIT"], []),
        ("  Apache-2.0  ", "Apache-2.0", ["Apache-2.0"], []),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0", ["MIT", "Apache-2.0"], []),
        ("MIT  AND   BSD-3-Clause", "MIT AND BSD-3-Clause", ["MIT", "BSD-3-Clause"], []),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", ["GPL-2.0-only"], ["Classpath-exception-2.0"]),
        ("LGPL-2.1-or-later", "LGPL-2.1-or-later", ["LGPL-2.1-or-later"], []),
        ("Apache-2.0+", "Apache-2.0+", ["Apache-2.0"], []),
        ("(MIT OR Apache-2.0) AND BSD-2-Clause", "(MIT OR Apache-2.0) AND BSD-2-Clause", ["MIT", "Apache-2.0", "BSD-2-Clause"], []),
        ("MIT OR Apache-2.0 AND BSD-2-Clause", "MIT OR Apache-2.0 AND BSD-2-Clause", ["MIT", "Apache-2.0", "BSD-2-Clause"], []),
        ("MIT OR (Apache-2.0 AND BSD-2-Clause)", "MIT OR Apache-2.0 AND BSD-2-Clause", ["MIT", "Apache-2.0", "BSD-2-Clause"], []),
        ("((MIT))", "MIT", ["MIT"], []),
        ("( MIT ) AND ( Apache-2.0 )", "MIT AND Apache-2.0", ["MIT", "Apache-2.0"], []),
        ("Apache-2.0 WITH LLVM-exception OR MIT", "Apache-2.0 WITH LLVM-exception OR MIT", ["Apache-2.0", "MIT"], ["LLVM-exception"]),
        ("MIT AND (Apache-2.0 OR BSD-3-Clause) AND Zlib", "MIT AND (Apache-2.0 OR BSD-3-Clause) AND Zlib",
         ["MIT", "Apache-2.0", "BSD-3-Clause", "Zlib"], []),
        ("UNLICENSED", "UNLICENSED", ["UNLICENSED"], []),
        ("MIT OR MIT", "MIT OR MIT", ["MIT"], []),
    ]

    @Test("valid expressions", arguments: valid)
    func validExpressions(input: String, normalized: String, licenses: [String], exceptions: [String]) throws {
        let expression = try LicenseExpression(parsing: input)
        #expect(expression.normalized == normalized)
        #expect(expression.description == normalized)
        #expect(expression.licenseIdentifiers == licenses)
        #expect(expression.exceptionIdentifiers == exceptions)
        #expect(!expression.hasUnknownIdentifier)
        #expect(try LicenseExpression(parsing: normalized) == expression)
    }

    @Test("AND binds tighter than OR")
    func precedence() throws {
        let implicit = try LicenseExpression(parsing: "MIT OR Apache-2.0 AND BSD-2-Clause")
        let explicit = try LicenseExpression(parsing: "MIT OR (Apache-2.0 AND BSD-2-Clause)")
        let other = try LicenseExpression(parsing: "(MIT OR Apache-2.0) AND BSD-2-Clause")
        #expect(implicit == explicit)
        #expect(implicit != other)
    }

    static let unknown = ["LicenseRef-Contoso", "Foo-1.0", "mit", "MIT WITH Contoso-exception", "MIT OR Custom+"]

    @Test("identifiers outside the SPDX list parse but are flagged", arguments: unknown)
    func unknownIdentifiers(input: String) throws {
        #expect(try LicenseExpression(parsing: input).hasUnknownIdentifier)
    }

    @Test("UNLICENSED")
    func unlicensed() throws {
        #expect(try LicenseExpression(parsing: "UNLICENSED").isUnlicensed)
        #expect(try !LicenseExpression(parsing: "MIT").isUnlicensed)
    }

    static let invalid: [(String, LicenseExpressionError)] = [
        ("", .empty),
        ("   ", .empty),
        ("MIT/Apache", .invalidCharacters("MIT/Apache")),
        ("MIT, Apache-2.0", .invalidCharacters("MIT, Apache-2.0")),
        ("MIT and Apache-2.0", .unexpectedToken("and")),
        ("MIT or Apache-2.0", .unexpectedToken("or")),
        ("MIT OR OR Apache-2.0", .unexpectedToken("OR")),
        ("MIT Apache-2.0", .unexpectedToken("Apache-2.0")),
        ("AND MIT", .unexpectedToken("AND")),
        ("MIT OR", .invalidExpression),
        ("()", .mismatchedParentheses),
        ("(MIT", .mismatchedParentheses),
        ("MIT)", .mismatchedParentheses),
        ("(MIT OR Apache-2.0) WITH LLVM-exception", .invalidExpression),
        ("MIT WITH", .invalidExpression),
        ("GPL-2.0", .deprecatedIdentifier("GPL-2.0")),
        ("GPL-2.0+", .deprecatedIdentifier("GPL-2.0+")),
        ("LGPL-2.1+", .deprecatedIdentifier("LGPL-2.1+")),
        ("LLVM-exception", .wrongKindOfIdentifier("LLVM-exception")),
        ("Apache-2.0 WITH MIT", .wrongKindOfIdentifier("MIT")),
        ("MIT+x", .invalidIdentifier("MIT+x")),
        // NuGet splits on spaces only: parentheses inside a word stay in the identifier.
        ("(MIT)AND(Apache-2.0)", .invalidIdentifier("MIT)AND(Apache-2.0")),
        ("UNLICENSED OR MIT", .unlicensedNotAlone),
    ]

    @Test("invalid expressions throw", arguments: invalid)
    func invalidExpressions(input: String, expected: LicenseExpressionError) {
        #expect(throws: expected) { try LicenseExpression(parsing: input) }
    }

    @Test("error message")
    func message() {
        #expect(LicenseExpressionError.unexpectedToken("and").message
            == "The license expression has an unexpected 'and'; operators AND, OR and WITH must be upper case.")
    }
}
