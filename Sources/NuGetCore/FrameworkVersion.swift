/// The version of a target framework or of a .NET 5+ platform (`System.Version` in NuGet.Frameworks).
public struct FrameworkVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The parts of `major.minor.build.revision`; missing parts are 0.
    public let major, minor, build, revision: Int

    /// Builds a version from its parts.
    public init(major: Int, minor: Int = 0, build: Int = 0, revision: Int = 0) {
        self.major = major
        self.minor = minor
        self.build = build
        self.revision = revision
    }

    /// `0.0`: "all versions" for a framework (`net`, `monoandroid`), "none" for a platform.
    public static let zero = FrameworkVersion(major: 0)

    /// True for `0.0.0.0`.
    public var isZero: Bool { major == 0 && minor == 0 && build == 0 && revision == 0 }

    /// NuGet's display version (`GetDisplayVersion`): `major.minor`, then `.build` and `.revision`
    /// only when needed: `4.5`, `4.7.2`, `8.0`, `10.0.10030.1`.
    public var description: String {
        var text = "\(major).\(minor)"
        if build > 0 || revision > 0 {
            text += ".\(build)"
            if revision > 0 { text += ".\(revision)" }
        }
        return text
    }

    public static func < (lhs: FrameworkVersion, rhs: FrameworkVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.build, lhs.revision) < (rhs.major, rhs.minor, rhs.build, rhs.revision)
    }

    /// Parses a dotted version (`4.5`, `10.0.19041`); a single number gets `.0` (NuGet's
    /// `TryGetPlatformVersion` and `FrameworkName` parsing). Nil when not 1–4 non-negative numbers.
    init?(dotted text: Substring) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.count <= 9, part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(part) else {
                return nil
            }
            numbers.append(n)
        }
        while numbers.count < 4 { numbers.append(0) }
        self.init(major: numbers[0], minor: numbers[1], build: numbers[2], revision: numbers[3])
    }

    /// Parses a folder-name version: dotted when it has a dot, else one digit per part, first four
    /// digits only (NuGet's `TryGetVersion`: `45` → 4.5, `472` → 4.7.2, `8` → 8.0, `10` → 1.0).
    init?(folder text: Substring) {
        if text.contains(".") {
            self.init(dotted: text)
            return
        }
        let digits = text.utf8.map { Int($0) - 48 }
        guard !digits.isEmpty, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let parts = Array(digits.prefix(4)) + Array(repeating: 0, count: max(0, 4 - digits.count))
        self.init(major: parts[0], minor: parts[1], build: parts[2], revision: parts[3])
    }

    /// NuGet's `GetVersionString` for short folder names: `45`, `472`, `8` (single-digit frameworks),
    /// `2.0` (frameworks that always use decimal points), `4.10`-style dots when a part exceeds 9,
    /// and `""` for 0.0.
    func folderString(singleDigitAllowed: Bool, alwaysDecimal: Bool) -> String {
        guard !isZero else { return "" }
        var count = revision != 0 ? 4 : (build != 0 ? 3 : (minor != 0 ? 2 : 1))
        if count == 1 && !singleDigitAllowed { count = 2 }
        let parts = [major, minor, build, revision].prefix(count)
        if alwaysDecimal || parts.contains(where: { $0 > 9 }) {
            return [major, minor, build, revision].prefix(max(count, 2)).map(String.init).joined(separator: ".")
        }
        return parts.map(String.init).joined()
    }
}
