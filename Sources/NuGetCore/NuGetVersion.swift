/// A NuGet package version: SemVer 2.0.0 plus NuGet's optional fourth number.
///
/// Mirrors NuGet.Versioning `NuGetVersion`. Equality and ordering follow `VersionComparer.VersionRelease`:
/// the four numbers and the release labels (case-insensitively); build metadata is ignored, so
/// `1.0.0+a == 1.0.0+b` and `1.0 == 1.0.0`, which is how a repository must treat them.
public struct NuGetVersion: Sendable {
    /// The first number.
    public let major: Int
    /// The second number (0 when absent).
    public let minor: Int
    /// The third number (0 when absent).
    public let patch: Int
    /// NuGet's legacy fourth number (0 when absent).
    public let revision: Int
    /// Dot-separated prerelease identifiers, case kept (`["rc", "1"]` for `-rc.1`).
    public let releaseLabels: [String]
    /// Build metadata without the leading `+`, or nil.
    public let metadata: String?
    /// The input as given, with surrounding whitespace trimmed.
    public let originalString: String

    /// Builds a version from its parts; ``originalString`` becomes the ``full`` form.
    public init(
        major: Int, minor: Int, patch: Int, revision: Int = 0,
        releaseLabels: [String] = [], metadata: String? = nil
    ) {
        var original = Self.format(major, minor, patch, revision, releaseLabels)
        if let metadata { original += "+" + metadata }
        self.init(
            major: major, minor: minor, patch: patch, revision: revision,
            releaseLabels: releaseLabels, metadata: metadata, originalString: original)
    }

    init(
        major: Int, minor: Int, patch: Int, revision: Int,
        releaseLabels: [String], metadata: String?, originalString: String
    ) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.revision = revision
        self.releaseLabels = releaseLabels
        self.metadata = metadata
        self.originalString = originalString
    }

    private static func format(_ major: Int, _ minor: Int, _ patch: Int, _ revision: Int, _ labels: [String]) -> String {
        var text = "\(major).\(minor).\(patch)"
        if revision > 0 { text += ".\(revision)" }
        if !labels.isEmpty { text += "-" + labels.joined(separator: ".") }
        return text
    }

    /// NuGet's normalized string (`ToNormalizedString`): three numbers, the fourth only when non-zero,
    /// then `-release`; no metadata. `1.01` → `1.1.0`, `1.0.0.0` → `1.0.0`, `1.00.0.1` → `1.0.0.1`.
    public var normalized: String { Self.format(major, minor, patch, revision, releaseLabels) }

    /// ``normalized`` plus `+metadata` when present: what registration writes as `catalogEntry.version`.
    public var full: String {
        guard let metadata else { return normalized }
        return normalized + "+" + metadata
    }

    /// ``normalized`` in lower case, for flat-container and registration URLs.
    public var normalizedLowercased: String { PackageID.asciiLowercased(normalized) }

    /// The release labels joined by `.` (`""` for a stable version).
    public var release: String { releaseLabels.joined(separator: ".") }

    /// True when the version has a release label.
    public var isPrerelease: Bool { !releaseLabels.isEmpty }

    /// SemVer 2.0.0 detection as nuget.org does it: more than one release identifier, or metadata.
    public var isSemVer2: Bool { releaseLabels.count > 1 || metadata != nil }

    /// Whether NuGet 2.x clients can read this version: nuget.org's legacy regex
    /// `^\d+(\s*\.\s*\d+){0,3}(-[a-z][0-9a-z-]*)?$` (case-insensitive) over the SemVer1 string.
    ///
    /// SemVer2 versions never match (dots in the label, or metadata), exactly as in NuGetGallery's
    /// `IsValidVersionForLegacyClients`; nuget.org only applies the check when `!isSemVer2`,
    /// so a push validator should reject `!isSemVer2 && !isLegacyClientCompatible` (`1.0.0-1beta`).
    public var isLegacyClientCompatible: Bool {
        guard !isSemVer2 else { return false }
        guard let label = releaseLabels.first else { return true }
        var bytes = label.utf8.makeIterator()
        guard let first = bytes.next(), NuGetVersion.isASCIILetter(first) else { return false }
        // Remaining characters are already [0-9A-Za-z-] by parsing.
        return true
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}

extension NuGetVersion: CustomStringConvertible {
    /// The ``full`` form (normalized, with metadata).
    public var description: String { full }
}

extension NuGetVersion: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: container.decode(String.self))
    }

    /// Encodes the ``full`` form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(full)
    }
}
