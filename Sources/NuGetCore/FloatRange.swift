/// The floating part of a version range from a project file (`1.*`, `1.0.0-*`, `*-*`, ...).
///
/// Mirrors NuGet.Versioning `FloatRange`. Floating ranges never appear in nuspec dependencies
/// (nuget.org rejects them); clients resolve them against the flat-container version list, and
/// ``VersionRange/bestMatch(_:)`` does the same here.
public struct FloatRange: Hashable, Sendable, CustomStringConvertible {
    /// Which part of the version floats (NuGet's `NuGetVersionFloatBehavior`, minus `None`).
    public enum Behavior: Hashable, Sendable {
        /// `1.0.0-beta*`: the release label floats after a prefix, numbers fixed.
        case prerelease
        /// `1.0.0.*`: the fourth number floats.
        case revision
        /// `1.0.*`: the third number floats.
        case patch
        /// `1.*`: the minor number floats.
        case minor
        /// `*`: every stable version.
        case major
        /// `*-*`: every version, prerelease included.
        case absoluteLatest
        /// `1.0.0.*-beta*`.
        case prereleaseRevision
        /// `1.0.*-beta*`.
        case prereleasePatch
        /// `1.*-beta*`.
        case prereleaseMinor
        /// `*-beta*`.
        case prereleaseMajor
    }

    /// The floating section.
    public let behavior: Behavior
    /// The lowest version the float can select (`1.0.0` for `1.*`, `1.0.0-0` for `1.0.0-*`).
    public let minVersion: NuGetVersion
    /// The release label prefix as written (`beta` for `1.0.0-beta*`, `""` for `1.0.0-*`), if any.
    public let releasePrefix: String?

    /// Creates a float range from its parts.
    public init(behavior: Behavior, minVersion: NuGetVersion, releasePrefix: String? = nil) {
        self.behavior = behavior
        self.minVersion = minVersion
        // NuGet uses the minimum's label as the prefix when none is given.
        self.releasePrefix = releasePrefix ?? (minVersion.isPrerelease ? minVersion.release : nil)
    }

    /// True if `version` is inside the floating part (NuGet's `FloatRange.Satisfies`).
    public func satisfies(_ version: NuGetVersion) -> Bool {
        let prefixMatches: Bool = {
            guard version.isPrerelease else { return true }  // the stable version of the numbers matches too
            return Self.hasPrefixIgnoringCase(version.release, releasePrefix ?? "")
        }()
        switch behavior {
        case .absoluteLatest: return true
        case .major: return !version.isPrerelease
        case .prereleaseRevision: return sameMajorMinorPatch(version) && prefixMatches
        case .prereleasePatch: return sameMajorMinor(version) && prefixMatches
        case .prereleaseMinor: return minVersion.major == version.major && prefixMatches
        case .prereleaseMajor: return prefixMatches
        case .prerelease: return sameNumbers(version) && prefixMatches
        case .revision: return sameMajorMinorPatch(version) && !version.isPrerelease
        case .patch: return sameMajorMinor(version) && !version.isPrerelease
        case .minor: return minVersion.major == version.major && !version.isPrerelease
        }
    }

    /// The float as NuGet writes it (`FloatRange.ToString`): `1.*`, `1.0.0-beta*`, `*-*`, `1.*-rc*`.
    public var description: String {
        let v = minVersion
        let prefix = releasePrefix ?? ""
        switch behavior {
        case .prerelease: return "\(v.major).\(v.minor).\(v.patch)\(v.revision > 0 ? ".\(v.revision)" : "")-\(prefix)*"
        case .revision: return "\(v.major).\(v.minor).\(v.patch).*"
        case .patch: return "\(v.major).\(v.minor).*"
        case .minor: return "\(v.major).*"
        case .major: return "*"
        case .absoluteLatest: return "*-*"
        case .prereleaseRevision: return "\(v.major).\(v.minor).\(v.patch).*-\(prefix)*"
        case .prereleasePatch: return "\(v.major).\(v.minor).*-\(prefix)*"
        case .prereleaseMinor: return "\(v.major).*-\(prefix)*"
        case .prereleaseMajor: return "*-\(prefix)*"
        }
    }

    private func sameMajorMinor(_ version: NuGetVersion) -> Bool {
        minVersion.major == version.major && minVersion.minor == version.minor
    }

    private func sameMajorMinorPatch(_ version: NuGetVersion) -> Bool {
        sameMajorMinor(version) && minVersion.patch == version.patch
    }

    private func sameNumbers(_ version: NuGetVersion) -> Bool {
        sameMajorMinorPatch(version) && minVersion.revision == version.revision
    }

    static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        var textBytes = text.utf8.makeIterator()
        for byte in prefix.utf8 {
            guard let other = textBytes.next(), NuGetVersion.lowercase(other) == NuGetVersion.lowercase(byte) else {
                return false
            }
        }
        return true
    }
}
