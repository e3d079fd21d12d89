/// A NuGet version range: `1.0`, `[1.0,2.0)`, `(,1.0]`, `[1.0]`, or a project-file float like `1.*`.
///
/// Mirrors NuGet.Versioning `VersionRange`: bounds compare with metadata ignored, a missing bound
/// is never inclusive, and ``normalized`` is `ToNormalizedString()` (what registration writes).
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    /// The lower bound, or nil for none.
    public let minVersion: NuGetVersion?
    /// True if ``minVersion`` itself is allowed (always false without a lower bound).
    public let isMinInclusive: Bool
    /// The upper bound, or nil for none.
    public let maxVersion: NuGetVersion?
    /// True if ``maxVersion`` itself is allowed (always false without an upper bound).
    public let isMaxInclusive: Bool
    /// The floating part, for `1.*`-style ranges; nil otherwise.
    public let floatRange: FloatRange?

    /// Any version, prerelease or stable: `(, )`.
    public static let all = VersionRange(minVersion: nil, isMinInclusive: false, maxVersion: nil, isMaxInclusive: false)

    /// Builds a range from its parts; inclusiveness of a missing bound is dropped, as NuGet does.
    public init(
        minVersion: NuGetVersion?, isMinInclusive: Bool, maxVersion: NuGetVersion?, isMaxInclusive: Bool,
        floatRange: FloatRange? = nil
    ) {
        self.minVersion = minVersion
        self.isMinInclusive = minVersion != nil && isMinInclusive
        self.maxVersion = maxVersion
        self.isMaxInclusive = maxVersion != nil && isMaxInclusive
        self.floatRange = floatRange
    }

    /// True for floating ranges (`1.*`, `*`, `1.0.0-*`).
    public var isFloating: Bool { floatRange != nil }

    /// True if a bound is a SemVer 2.0.0 version: such a dependency makes the whole package SemVer2
    /// for nuget.org's `semVerLevel` filtering.
    public var hasSemVer2Bound: Bool { (minVersion?.isSemVer2 ?? false) || (maxVersion?.isSemVer2 ?? false) }

    /// True if `version` lies within the bounds (NuGet's `Satisfies`; metadata ignored, floats not consulted).
    public func contains(_ version: NuGetVersion) -> Bool {
        if let minVersion {
            let order = NuGetVersion.compare(minVersion, version)
            if isMinInclusive ? order > 0 : order >= 0 { return false }
        }
        if let maxVersion {
            let order = NuGetVersion.compare(maxVersion, version)
            if isMaxInclusive ? order < 0 : order <= 0 { return false }
        }
        return true
    }

    /// NuGet's `ToNormalizedString()`: `[1.0.0, )`, `[1.0.0, 2.0.0)`, `(, 1.0.0]`, `(, )`,
    /// `[1.0.0, 1.0.0]` for an exact version, and the float in place of the minimum (`[1.*, )`).
    public var normalized: String {
        var text = isMinInclusive ? "[" : "("
        if let minVersion { text += floatRange?.description ?? minVersion.normalized }
        text += ", "
        if let maxVersion { text += maxVersion.normalized }
        text += isMaxInclusive ? "]" : ")"
        return text
    }

    /// NuGet's `ToLegacyShortString()`, the form NuGet 2.x wrote in nuspecs and V2 feeds:
    /// `1.0.0` for a plain minimum, `[1.0.0]` for an exact version, else the normalized form.
    public var legacyShortString: String {
        if let minVersion, isMinInclusive, maxVersion == nil { return minVersion.normalized }
        if let minVersion, let maxVersion, isMinInclusive, isMaxInclusive, minVersion == maxVersion {
            return "[\(minVersion.normalized)]"
        }
        var text = isMinInclusive ? "[" : "("
        if let minVersion { text += minVersion.normalized }
        text += ", "
        if let maxVersion { text += maxVersion.normalized }
        return text + (isMaxInclusive ? "]" : ")")
    }

    /// The ``normalized`` form.
    public var description: String { normalized }
}
