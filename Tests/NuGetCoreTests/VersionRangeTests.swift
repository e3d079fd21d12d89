import NuGetCore
import Testing

@Suite("VersionRange")
struct VersionRangeTests {
    /// Input → NuGet's ToNormalizedString().
    static let normalized: [(String, String)] = [
        ("1.0", "[1.0.0, )"),
        ("  1.0  ", "[1.0.0, )"),
        ("[1.0,)", "[1.0.0, )"),
        ("(1.0,)", "(1.0.0, )"),
        ("[1.0]", "[1.0.0, 1.0.0]"),
        ("(,1.0]", "(, 1.0.0]"),
        ("(,1.0)", "(, 1.0.0)"),
        ("[1.0,2.0]", "[1.0.0, 2.0.0]"),
        ("(1.0,2.0)", "(1.0.0, 2.0.0)"),
        ("[1.0,2.0)", "[1.0.0, 2.0.0)"),
        ("[1.0 , 2.0 )", "[1.0.0, 2.0.0)"),
        ("[1.0.0-beta.1, )", "[1.0.0-beta.1, )"),
        ("[,1.0]", "(, 1.0.0]"),
        ("(, )", "(, )"),
        ("", "(, )"),
        ("[2.14.0, )", "[2.14.0, )"),
        ("[1.0.0+meta, 2.0.0+x]", "[1.0.0, 2.0.0]"),
        ("(1.0, 1.0)", "(1.0.0, 1.0.0)"),
        ("*", "[*, )"),
        ("1.*", "[1.*, )"),
        ("1.2.*", "[1.2.*, )"),
        ("1.2.3.*", "[1.2.3.*, )"),
        ("1.0.0-*", "[1.0.0-*, )"),
        ("1.0.0-beta*", "[1.0.0-beta*, )"),
        ("1.0.0-rc.*", "[1.0.0-rc.*, )"),
        ("*-*", "[*-*, )"),
        ("1.*-*", "[1.*-*, )"),
        ("1.2.*-*", "[1.2.*-*, )"),
        ("1.2.3.*-*", "[1.2.3.*-*, )"),
        ("*-rc.*", "[*-rc.*, )"),
        ("[1.*, 2.0)", "[1.*, 2.0.0)"),
    ]

    @Test("every NuGet range form normalizes as NuGet does", arguments: normalized)
    func normalizes(input: String, expected: String) throws {
        let range = try VersionRange(parsing: input)
        #expect(range.normalized == expected)
        #expect(range.description == expected)
        // The normalized form parses back to the same range.
        #expect(try VersionRange(parsing: range.normalized) == range)
    }

    @Test("bounds and inclusiveness")
    func bounds() throws {
        let range = try VersionRange(parsing: "(1.0,2.0]")
        #expect(range.minVersion == (try NuGetVersion(parsing: "1.0")))
        #expect(!range.isMinInclusive)
        #expect(range.maxVersion == (try NuGetVersion(parsing: "2.0")))
        #expect(range.isMaxInclusive)
        #expect(range.floatRange == nil && !range.isFloating)
        #expect(VersionRange.all == (try VersionRange(parsing: "(, )")))
        #expect(VersionRange.all.minVersion == nil && !VersionRange.all.isMinInclusive)
    }

    static let legacyShort: [(String, String)] = [
        ("1.0", "1.0.0"), ("[1.0]", "[1.0.0]"), ("[1.0,2.0)", "[1.0.0, 2.0.0)"), ("(, )", "(, )"),
    ]

    @Test("legacy short string", arguments: legacyShort)
    func legacyShortString(input: String, expected: String) throws {
        #expect(try VersionRange(parsing: input).legacyShortString == expected)
    }

    static let invalid: [(String, VersionRangeError)] = [
        ("(1.0)", .invalidSyntax("(1.0)")),
        ("[1.0)", .invalidSyntax("[1.0)")),
        ("(1.0]", .invalidSyntax("(1.0]")),
        ("(,)", .invalidSyntax("(,)")),
        ("[,]", .invalidSyntax("[,]")),
        ("[1.0", .invalidSyntax("[1.0")),
        ("[1.0,2.0,3.0]", .invalidSyntax("[1.0,2.0,3.0]")),
        ("[2.0,1.0]", .minAboveMax("[2.0,1.0]")),
        ("[1.0,1.0)", .minAboveMax("[1.0,1.0)")),
        ("x", .invalidBound("x", bound: "x")),
        ("[1.0,x]", .invalidBound("[1.0,x]", bound: "x")),
        ("[1.0,2.*]", .invalidFloat("[1.0,2.*]", bound: "2.*")),
        ("1.*.0", .invalidFloat("1.*.0", bound: "1.*.0")),
        ("1.0.0+*", .invalidFloat("1.0.0+*", bound: "1.0.0+*")),
        ("[1.*]", .invalidFloat("[1.*]", bound: "1.*")),
    ]

    @Test("invalid ranges throw", arguments: invalid)
    func invalidRanges(input: String, expected: VersionRangeError) {
        #expect(throws: expected) { try VersionRange(parsing: input) }
    }

    @Test("error message")
    func message() {
        #expect(VersionRangeError.invalidSyntax("(1.0)").message == "'(1.0)' is not a valid version range.")
        #expect(VersionRangeError.minAboveMax("[2,1]").message
            == "'[2,1]' is not a valid version range: the minimum version is above the maximum.")
    }

    static let containment: [(String, String, Bool)] = [
        ("1.0", "1.0.0", true), ("1.0", "0.9.9", false), ("1.0", "5.0.0", true), ("1.0", "1.0.0-beta", false),
        ("(1.0,)", "1.0.0", false), ("(1.0,)", "1.0.0.1", true),
        ("[1.0]", "1.0.0", true), ("[1.0]", "1.0.0+meta", true), ("[1.0]", "1.0.1", false),
        ("(,1.0]", "1.0.0", true), ("(,1.0)", "1.0.0", false), ("(,1.0)", "1.0.0-rc.1", true),
        ("[1.0,2.0)", "2.0.0", false), ("[1.0,2.0)", "1.9.9", true), ("[1.0,2.0)", "2.0.0-alpha", true),
        ("(1.0,2.0)", "1.0.0", false), ("[1.0.0-beta, )", "1.0.0-alpha", false), ("[1.0.0-beta, )", "1.0.0-Beta.1", true),
        ("(, )", "0.0.0-0", true), ("", "99.0.0", true), ("1.*", "1.5.0", true), ("1.*", "0.9.0", false),
    ]

    @Test("contains", arguments: containment)
    func contains(range: String, version: String, expected: Bool) throws {
        #expect(try VersionRange(parsing: range).contains(NuGetVersion(parsing: version)) == expected)
    }

    static let available = [
        "0.9.0", "1.0.0-beta", "1.0.0", "1.0.1", "1.1.0-rc.1", "1.1.0", "1.2.0", "2.0.0-alpha", "2.0.0", "2.1.0", "3.0.0-preview.1",
    ]

    static let bestMatches: [(String, String?)] = [
        ("1.0", "1.0.0"),  // lowest applicable
        ("(1.0,)", "1.0.1"),
        ("[1.1,2.0)", "1.1.0"),
        ("[2.0]", "2.0.0"),
        ("[5.0, )", nil),
        ("(, )", "0.9.0"),
        ("[1.0.0-beta, )", "1.0.0-beta"),  // a prerelease bound allows prereleases
        ("[1.0.0-alpha, )", "1.0.0-beta"),
        ("1.*", "1.2.0"),  // floating: highest within the float
        ("1.1.*", "1.1.0"),
        ("2.*", "2.1.0"),
        ("*", "2.1.0"),  // stable only
        ("*-*", "3.0.0-preview.1"),
        ("1.1.0-*", "1.1.0"),  // the stable version of the float wins over its prereleases
        ("2.0.0-*", "2.0.0"),
        ("3.0.0-*", "3.0.0-preview.1"),
        ("3.0.0-preview*", "3.0.0-preview.1"),
        ("1.*-*", "1.2.0"),
        ("4.*", nil),
        ("0.*", "0.9.0"),
        ("[1.*, 2.0)", "1.2.0"),
    ]

    @Test("bestMatch picks what restore would", arguments: bestMatches)
    func bestMatch(range: String, expected: String?) throws {
        let versions = try Self.available.map { try NuGetVersion(parsing: $0) }
        let match = try VersionRange(parsing: range).bestMatch(versions.shuffled())
        #expect(match?.normalized == expected)
    }

    @Test("float prefers prereleases of the floated version over a stable one below it")
    func floatPrerelease() throws {
        let versions = try ["1.0.0", "1.0.1-beta.1", "1.0.1-beta.2", "1.0.1-alpha"].map { try NuGetVersion(parsing: $0) }
        #expect(try VersionRange(parsing: "1.0.1-beta*").bestMatch(versions)?.normalized == "1.0.1-beta.2")
        #expect(try VersionRange(parsing: "1.0.1-*").bestMatch(versions)?.normalized == "1.0.1-beta.2")
        #expect(try VersionRange(parsing: "1.0.0").bestMatch(versions)?.normalized == "1.0.0")
    }

    static let semVer2Bounds: [(String, Bool)] = [
        ("[1.0.0, )", false), ("[1.0.0-alpha.1, )", true), ("(, 2.0.0+meta]", true), ("[1.0.0-beta, 2.0.0)", false),
    ]

    @Test("SemVer2 bound detection", arguments: semVer2Bounds)
    func semVer2Bound(input: String, expected: Bool) throws {
        #expect(try VersionRange(parsing: input).hasSemVer2Bound == expected)
    }

    static let floats: [(String, FloatRange.Behavior)] = [
        ("*", .major), ("1.*", .minor), ("1.2.*", .patch), ("1.2.3.*", .revision), ("1.0.0-*", .prerelease),
        ("*-*", .absoluteLatest), ("1.*-*", .prereleaseMinor), ("1.2.*-*", .prereleasePatch),
        ("1.2.3.*-*", .prereleaseRevision), ("*-rc.*", .prereleaseMajor),
    ]

    @Test("float behaviours", arguments: floats)
    func floatBehaviour(input: String, behavior: FloatRange.Behavior) throws {
        let range = try VersionRange(parsing: input)
        #expect(range.isFloating)
        #expect(range.floatRange?.behavior == behavior)
        #expect(range.floatRange?.description == input)
    }
}
