/// A registration leaf's `catalogEntry` object: the metadata NuGet.Client shows and resolves with (protocol §4).
///
/// nuget.org writes `""` for absent strings, and so do we, except for `minClientVersion` and
/// `licenseExpression`, which are omitted when absent: NuGet.Client parses `minClientVersion` with
/// `NuGetVersion.Parse`, which throws on `""`.
public struct CatalogEntryDocument: Codable, Sendable, Equatable {
    /// `@id` (required): URL of the catalog leaf that produced this entry.
    public var url: String
    /// `@type`: `PackageDetails`.
    public var type: String
    /// Package id, original case (required).
    public var id: String
    /// `full(v)`: normalized version, with `+metadata` if any (required).
    public var version: String
    /// Comma-separated authors, one string as nuget.org writes it.
    public var authors: String
    public var description: String
    public var summary: String
    public var title: String
    public var language: String
    public var projectUrl: String
    public var iconUrl: String
    public var licenseUrl: String
    /// URL of a web page showing the readme; `""` when the package has none.
    public var readmeUrl: String
    /// SPDX expression from `<license type="expression">`; omitted when absent.
    public var licenseExpression: String?
    public var tags: [String]
    /// NuGet.Client reads this, not `published`, to hide unlisted versions.
    public var listed: Bool
    /// ISO 8601; `1900-01-01T00:00:00+00:00` while unlisted (nuget.org).
    public var published: String
    public var requireLicenseAcceptance: Bool
    /// Omitted when absent (see the type's comment).
    public var minClientVersion: String?
    /// Duplicate of the leaf's `packageContent` (legacy clients read it here).
    public var packageContent: String
    /// Omitted when the package has no dependency groups.
    public var dependencyGroups: [DependencyGroupDocument]?
    public var deprecation: Deprecation?
    /// Omitted when there are none known.
    public var vulnerabilities: [Vulnerability]?
    /// `true` when the id lies under a prefix reservation one of its owners holds (the checkmark search
    /// also shows); omitted otherwise. A Pallet addition: NuGet.Client ignores unknown properties.
    public var verified: Bool?

    /// Creates a catalog entry; see the properties for meanings.
    public init(
        url: String, type: String = "PackageDetails", id: String, version: String, authors: String,
        description: String, summary: String = "", title: String = "", language: String = "",
        projectUrl: String = "", iconUrl: String = "", licenseUrl: String = "", readmeUrl: String = "",
        licenseExpression: String? = nil, tags: [String] = [], listed: Bool, published: String,
        requireLicenseAcceptance: Bool = false, minClientVersion: String? = nil, packageContent: String,
        dependencyGroups: [DependencyGroupDocument]? = nil, deprecation: Deprecation? = nil,
        vulnerabilities: [Vulnerability]? = nil, verified: Bool? = nil
    ) {
        self.verified = verified
        self.url = url
        self.type = type
        self.id = id
        self.version = version
        self.authors = authors
        self.description = description
        self.summary = summary
        self.title = title
        self.language = language
        self.projectUrl = projectUrl
        self.iconUrl = iconUrl
        self.licenseUrl = licenseUrl
        self.readmeUrl = readmeUrl
        self.licenseExpression = licenseExpression
        self.tags = tags
        self.listed = listed
        self.published = published
        self.requireLicenseAcceptance = requireLicenseAcceptance
        self.minClientVersion = minClientVersion
        self.packageContent = packageContent
        self.dependencyGroups = dependencyGroups
        self.deprecation = deprecation
        self.vulnerabilities = vulnerabilities
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case id, version, authors, description, summary, title, language, projectUrl, iconUrl, licenseUrl
        case readmeUrl, licenseExpression, tags, listed, published, requireLicenseAcceptance, minClientVersion
        case packageContent, dependencyGroups, deprecation, vulnerabilities, verified
    }
}
