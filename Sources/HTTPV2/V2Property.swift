/// The `V2FeedPackage` properties (NuGetGallery's V2 model plus NuGet.Server's `Listed`), in the
/// order `$metadata` declares and entries write them (protocol §7, "m:properties").
public enum V2Property: String, Sendable, CaseIterable, Hashable {
    case id = "Id"
    case version = "Version"
    case normalizedVersion = "NormalizedVersion"
    case authors = "Authors"
    case copyright = "Copyright"
    case created = "Created"
    case dependencies = "Dependencies"
    case description = "Description"
    case downloadCount = "DownloadCount"
    case galleryDetailsUrl = "GalleryDetailsUrl"
    case iconUrl = "IconUrl"
    case isLatestVersion = "IsLatestVersion"
    case isAbsoluteLatestVersion = "IsAbsoluteLatestVersion"
    case isPrerelease = "IsPrerelease"
    case language = "Language"
    case lastUpdated = "LastUpdated"
    case published = "Published"
    case packageHash = "PackageHash"
    case packageHashAlgorithm = "PackageHashAlgorithm"
    case packageSize = "PackageSize"
    case projectUrl = "ProjectUrl"
    case reportAbuseUrl = "ReportAbuseUrl"
    case releaseNotes = "ReleaseNotes"
    case requireLicenseAcceptance = "RequireLicenseAcceptance"
    case summary = "Summary"
    case tags = "Tags"
    case title = "Title"
    case versionDownloadCount = "VersionDownloadCount"
    case minClientVersion = "MinClientVersion"
    case lastEdited = "LastEdited"
    case licenseUrl = "LicenseUrl"
    case licenseNames = "LicenseNames"
    case licenseReportUrl = "LicenseReportUrl"
    case listed = "Listed"

    /// The property named in a query; OData names are case-sensitive, but old tools vary, so any case is accepted.
    public init?(odataName: String) {
        guard let match = Self.byLowerName[odataName.lowercased()] else { return nil }
        self = match
    }

    private static let byLowerName: [String: V2Property] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) }
    )

    /// The EDM type `$metadata` declares and entries annotate (`m:type`); nil means `Edm.String`.
    var edmType: String? {
        switch self {
        case .created, .published, .lastUpdated, .lastEdited: "Edm.DateTime"
        case .downloadCount, .versionDownloadCount: "Edm.Int32"
        case .packageSize: "Edm.Int64"
        case .isLatestVersion, .isAbsoluteLatestVersion, .isPrerelease, .requireLicenseAcceptance, .listed: "Edm.Boolean"
        default: nil
        }
    }

    /// Whether `$metadata` declares the property nullable (strings, and `LastEdited`).
    var isNullable: Bool {
        switch self {
        case .id, .version, .normalizedVersion, .created, .published, .lastUpdated, .downloadCount,
             .versionDownloadCount, .packageSize, .isLatestVersion, .isAbsoluteLatestVersion, .isPrerelease,
             .requireLicenseAcceptance, .listed:
            false
        default: true
        }
    }

    /// Properties that need live download counts (read only when a query or entry uses them).
    var needsDownloads: Bool { self == .downloadCount || self == .versionDownloadCount }

    /// Properties the in-memory summary lacks: a query that filters or orders on one reads the record of every
    /// candidate version from the store (`V2FeedResponder.select`), where all others are answered from memory.
    var needsRecord: Bool {
        switch self {
        case .copyright, .dependencies, .iconUrl, .language, .packageHash, .projectUrl, .releaseNotes,
             .requireLicenseAcceptance, .minClientVersion, .licenseUrl, .licenseNames:
            true
        default: false
        }
    }
}
