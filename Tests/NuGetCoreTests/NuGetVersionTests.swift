import Foundation
import NuGetCore
import Testing

@Suite("NuGetVersion")
struct NuGetVersionTests {
    /// Input → (normalized, full), from the protocol notes §8 and NuGet.Versioning's tests.
    static let normalization: [(String, String, String)] = [
        ("1", "1.0.0", "1.0.0"),
        ("1.0", "1.0.0", "1.0.0"),
        ("1.0.0.0", "1.0.0", "1.0.0"),
        ("1.01.1", "1.1.1", "1.1.1"),
        ("1.00.0.1", "1.0.0.1", "1.0.0.1"),
        ("1.0.01.0", "1.0.1", "1.0.1"),
        ("1.0.7+r3456", "1.0.7", "1.0.7+r3456"),
        ("1.0.0-Beta", "1.0.0-Beta", "1.0.0-Beta"),
        ("  2.1.0-rc.1+sha.abc  ", "2.1.0-rc.1", "2.1.0-rc.1+sha.abc"),
        ("1.2.3.4-alpha-1", "1.2.3.4-alpha-1", "1.2.3.4-alpha-1"),
        ("0.0.0-0", "0.0.0-0", "0.0.0-0"),
        ("2147483647.0.0", "2147483647.0.0", "2147483647.0.0"),
        ("1.0.0+001", "1.0.0", "1.0.0+001"),
        ("1.0.0-0A", "1.0.0-0A", "1.0.0-0A"),
    ]

    @Test("normalization table", arguments: normalization)
    func normalizes(input: String, normalized: String, full: String) throws {
        let version = try NuGetVersion(parsing: input)
        #expect(version.normalized == normalized)
        #expect(version.full == full)
        #expect(version.description == full)
        #expect(version.normalizedLowercased == normalized.lowercased())
        #expect(version.originalString == input.trimmingCharacters(in: .whitespaces))
    }

    @Test("parts are exposed")
    func parts() throws {
        let version = try NuGetVersion(parsing: "1.2.3.4-Rc.1+build.5")
        #expect([version.major, version.minor, version.patch, version.revision] == [1, 2, 3, 4] as [Int])
        #expect(version.releaseLabels == ["Rc", "1"])
        #expect(version.release == "Rc.1")
        #expect(version.metadata == "build.5")
        #expect(version.isPrerelease)
    }

    @Test("memberwise init formats like the parser")
    func memberwise() {
        let version = NuGetVersion(major: 1, minor: 0, patch: 0, revision: 2, releaseLabels: ["beta"], metadata: "x")
        #expect(version.originalString == "1.0.0.2-beta+x")
        #expect(version.full == "1.0.0.2-beta+x")
    }

    static let invalid: [(String, String)] = [
        ("", "The version must not be empty."),
        ("   ", "The version must not be empty."),
        ("1.0.0-rc.01", "'1.0.0-rc.01' is not a valid NuGet version: numeric release label '01' has a leading zero."),
        ("1.2.3.4.5", "'1.2.3.4.5' is not a valid NuGet version: it has more than four numeric parts."),
        ("1..0", "'1..0' is not a valid NuGet version: it has an empty numeric part."),
        ("1.", "'1.' is not a valid NuGet version: it has an empty numeric part."),
        (".1", "'.1' is not a valid NuGet version: it has an empty numeric part."),
        ("1.x", "'1.x' is not a valid NuGet version: 'x' is not a non-negative whole number."),
        ("v1.0", "'v1.0' is not a valid NuGet version: 'v1' is not a non-negative whole number."),
        ("1.0 .0", "'1.0 .0' is not a valid NuGet version: '0 ' is not a non-negative whole number."),
        ("2147483648.0", "'2147483648.0' is not a valid NuGet version: '2147483648' is larger than 2147483647."),
        ("1.0.0-", "'1.0.0-' is not a valid NuGet version: the release label has an empty part."),
        ("1.0.0-a..b", "'1.0.0-a..b' is not a valid NuGet version: the release label has an empty part."),
        ("1.0.0-beta_1", "'1.0.0-beta_1' is not a valid NuGet version: release label 'beta_1' may only contain letters, digits and '-'."),
        ("1.0.0-βeta", "'1.0.0-βeta' is not a valid NuGet version: release label 'βeta' may only contain letters, digits and '-'."),
        ("1.0.0+", "'1.0.0+' is not a valid NuGet version: the build metadata has an empty part."),
        ("1.0.0+a+b", "'1.0.0+a+b' is not a valid NuGet version: build metadata 'a+b' may only contain letters, digits and '-'."),
        ("1.0.0-00", "'1.0.0-00' is not a valid NuGet version: numeric release label '00' has a leading zero."),
        ("-1.0", "'-1.0' is not a valid NuGet version: it has an empty numeric part."),
    ]

    @Test("invalid versions throw with exact messages", arguments: invalid)
    func invalidVersions(input: String, message: String) {
        do {
            _ = try NuGetVersion(parsing: input)
            Issue.record("\(input) parsed")
        } catch {
            #expect((error as? NuGetVersionError)?.message == message)
        }
    }

    /// §8 example chain, plus the fourth part and label rules.
    static let ascending = [
        "0.9.9", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-a", "1.0.0", "1.0.0.1", "1.0.1-aaa", "1.0.1-alpha10",
        "1.0.1-alpha2", "1.0.1-beta", "1.0.1-rc.1", "1.0.1-rc.1.1", "1.0.1-rc.2", "1.0.1-rc.10", "1.0.1-zzz", "1.0.1",
        "1.0.1.5", "1.1", "2.0.0-rc.1", "2.0", "10.0.0",
    ]

    @Test("ordering follows NuGet's VersionComparer", arguments: zip(ascending.dropLast(), ascending.dropFirst()))
    func ordering(lower: String, higher: String) throws {
        let a = try NuGetVersion(parsing: lower), b = try NuGetVersion(parsing: higher)
        #expect(a < b)
        #expect(!(b < a))
        #expect(a != b)
    }

    @Test("sorting a shuffled list gives the chain")
    func sorting() throws {
        let versions = try Self.ascending.reversed().map { try NuGetVersion(parsing: $0) }
        #expect(versions.sorted().map(\.originalString) == Self.ascending)
    }

    static let equal: [(String, String)] = [
        ("1.0", "1.0.0"), ("1", "1.0.0.0"), ("1.0.0+a", "1.0.0+b"), ("1.0.0-Beta", "1.0.0-beta"),
        ("1.0.0-RC.1", "1.0.0-rc.1+x"), ("01.1", "1.1.0"),
    ]

    @Test("equality ignores metadata, case and trailing zeros", arguments: equal)
    func equality(left: String, right: String) throws {
        let a = try NuGetVersion(parsing: left), b = try NuGetVersion(parsing: right)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
    }

    static let semVer2: [(String, Bool)] = [
        ("1.0.0", false), ("1.0.0-beta", false), ("1.0.0-beta.1", true), ("1.0.0+sha", true),
        ("1.0.0-beta+sha", true), ("1.0.0.1-rc", false), ("1.0.0-a-b-c", false),
    ]

    @Test("SemVer 2.0.0 detection", arguments: semVer2)
    func semVer2Detection(input: String, expected: Bool) throws {
        #expect(try NuGetVersion(parsing: input).isSemVer2 == expected)
    }

    static let legacy: [(String, Bool)] = [
        ("1.0.0", true), ("1.0.0.0", true), ("1.0.0-beta", true), ("1.0.0-Beta-2", true), ("1.0.0-1beta", false),
        ("1.0.0-1", false), ("1.0.0--a", false), ("1.0.0-beta.1", false), ("1.0.0+meta", false),
    ]

    @Test("legacy client compatibility (nuget.org's SemVer1 label rule)", arguments: legacy)
    func legacyCompatibility(input: String, expected: Bool) throws {
        #expect(try NuGetVersion(parsing: input).isLegacyClientCompatible == expected)
    }

    @Test("Codable uses the full string")
    func codable() throws {
        let version = try NuGetVersion(parsing: "1.0.0-Beta+sha")
        #expect(try JSONEncoderShim.encode(version) == "\"1.0.0-Beta+sha\"")
        #expect(try JSONEncoderShim.decode(NuGetVersion.self, from: "\"1.0.0-beta\"") == version)
        #expect(throws: NuGetVersionError.self) { try JSONEncoderShim.decode(NuGetVersion.self, from: "\"x\"") }
    }
}
