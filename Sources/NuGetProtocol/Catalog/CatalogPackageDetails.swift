/// A `PackageDetails` catalog leaf: a full snapshot of one version after a push, unlist, relist or
/// deprecation change (protocol §6). Consumers treat every leaf as the whole truth about the version.
///
/// Leaves carry no `@id` and no absolute URL of ours (the page item's `@id` locates them), so the bytes
/// stored at commit time stay valid when the gallery's public base URL changes. Metadata is the nuspec's,
/// as authored: `iconUrl` and `licenseUrl` are the nuspec values, not the URLs registration resolves.
public struct CatalogPackageDetails: Codable, Sendable, Equatable {
    /// `@type`: `["PackageDetails", "catalog:Permalink"]`.
    public var types: [String]
    /// `catalog:commitId`.
    public var commitId: String
    /// `catalog:commitTimeStamp`.
    public var commitTimeStamp: String
    public var id: String
    /// `full(v)`.
    public var version: String
    /// The version exactly as the nuspec wrote it.
    public var verbatimVersion: String
    public var isPrerelease: Bool
    public var listed: Bool
    /// Last listed time; `1900-01-01T00:00:00Z` while unlisted.
    public var published: String
    /// When the version was pushed.
    public var created: String
    public var lastEdited: String?
    /// Base64 of the `.nupkg`'s hash (required by catalog readers).
    public var packageHash: String
    /// `SHA512`.
    public var packageHashAlgorithm: String
    /// Size of the `.nupkg` in bytes.
    public var packageSize: Int64
    public var authors: String
    public var description: String
    public var title: String?
    public var summary: String?
    public var releaseNotes: String?
    public var copyright: String?
    public var language: String?
    public var projectUrl: String?
    public var iconUrl: String?
    public var licenseUrl: String?
    public var licenseExpression: String?
    public var requireLicenseAcceptance: Bool
    public var minClientVersion: String?
    public var tags: [String]
    /// Only when the nuspec declares package types.
    public var packageTypes: [CatalogPackageType]?
    public var dependencyGroups: [DependencyGroupDocument]?
    public var deprecation: Deprecation?
    public var vulnerabilities: [Vulnerability]?

    /// nuget.org's `@type` of a details leaf.
    public static let defaultTypes = ["PackageDetails", "catalog:Permalink"]

    /// Creates a details leaf; see the properties for meanings.
    public init(
        commitId: String, commitTimeStamp: String, id: String, version: String, verbatimVersion: String,
        isPrerelease: Bool, listed: Bool, published: String, created: String, lastEdited: String? = nil,
        packageHash: String, packageSize: Int64, authors: String, description: String, title: String? = nil,
        summary: String? = nil, releaseNotes: String? = nil, copyright: String? = nil, language: String? = nil,
        projectUrl: String? = nil, iconUrl: String? = nil, licenseUrl: String? = nil,
        licenseExpression: String? = nil, requireLicenseAcceptance: Bool = false, minClientVersion: String? = nil,
        tags: [String] = [], packageTypes: [CatalogPackageType]? = nil, dependencyGroups: [DependencyGroupDocument]? = nil,
        deprecation: Deprecation? = nil, vulnerabilities: [Vulnerability]? = nil
    ) {
        self.types = Self.defaultTypes
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.id = id
        self.version = version
        self.verbatimVersion = verbatimVersion
        self.isPrerelease = isPrerelease
        self.listed = listed
        self.published = published
        self.created = created
        self.lastEdited = lastEdited
        self.packageHash = packageHash
        self.packageHashAlgorithm = "SHA512"
        self.packageSize = packageSize
        self.authors = authors
        self.description = description
        self.title = title
        self.summary = summary
        self.releaseNotes = releaseNotes
        self.copyright = copyright
        self.language = language
        self.projectUrl = projectUrl
        self.iconUrl = iconUrl
        self.licenseUrl = licenseUrl
        self.licenseExpression = licenseExpression
        self.requireLicenseAcceptance = requireLicenseAcceptance
        self.minClientVersion = minClientVersion
        self.tags = tags
        self.packageTypes = packageTypes
        self.dependencyGroups = dependencyGroups
        self.deprecation = deprecation
        self.vulnerabilities = vulnerabilities
    }

    enum CodingKeys: String, CodingKey {
        case types = "@type"
        case commitId = "catalog:commitId"
        case commitTimeStamp = "catalog:commitTimeStamp"
        case id, version, verbatimVersion, isPrerelease, listed, published, created, lastEdited
        case packageHash, packageHashAlgorithm, packageSize, authors, description, title, summary, releaseNotes
        case copyright, language, projectUrl, iconUrl, licenseUrl, licenseExpression, requireLicenseAcceptance
        case minClientVersion, tags, packageTypes, dependencyGroups, deprecation, vulnerabilities
    }
}

/// `packageTypes[]` of a catalog leaf.
public struct CatalogPackageType: Codable, Sendable, Equatable {
    public var name: String
    public var version: String?

    /// Creates a package type entry.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}
