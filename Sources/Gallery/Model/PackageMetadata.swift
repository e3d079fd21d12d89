/// The nuspec metadata of one version, in the shapes the wire documents need.
public struct PackageMetadata: Sendable, Equatable, Codable {
    public var title: String?
    /// Comma-separated authors as in the nuspec.
    public var authors: String
    public var description: String
    public var summary: String?
    public var releaseNotes: String?
    public var copyright: String?
    public var language: String?
    public var tags: [String]
    public var projectUrl: String?
    /// The nuspec's (deprecated) `iconUrl`, when the package has no embedded icon.
    public var iconUrl: String?
    /// The nuspec's `licenseUrl`.
    public var licenseUrl: String?
    /// The SPDX expression of `<license type="expression">`.
    public var licenseExpression: String?
    /// The path of `<license type="file">` inside the package.
    public var licenseFile: String?
    public var requireLicenseAcceptance: Bool
    public var developmentDependency: Bool
    public var minClientVersion: String?
    public var repository: RepositoryInfo?
    /// Package types from the nuspec; empty means `Dependency`.
    public var packageTypes: [PackageTypeInfo]
    public var dependencyGroups: [DependencyGroupInfo]
    /// Short folder names of the frameworks in `lib/` and `ref/` (gallery "supported frameworks").
    public var supportedFrameworks: [String]
    /// The package embeds a readme (served at the flat container's `readme`).
    public var hasReadme: Bool
    /// An owner replaced the README on the Manage page (the package's own, if any, is kept at `readmeOriginal`).
    /// Optional so metadata stored before it decodes.
    public var readmeReplaced: Bool?
    /// The package embeds an icon (served at the flat container's `icon`).
    public var hasIcon: Bool
    /// The package carries `.signature.p7s`.
    public var isSigned: Bool

    /// Creates metadata; only `authors` and `description` are required by NuGet.
    public init(
        title: String? = nil, authors: String, description: String, summary: String? = nil,
        releaseNotes: String? = nil, copyright: String? = nil, language: String? = nil, tags: [String] = [],
        projectUrl: String? = nil, iconUrl: String? = nil, licenseUrl: String? = nil,
        licenseExpression: String? = nil, licenseFile: String? = nil, requireLicenseAcceptance: Bool = false,
        developmentDependency: Bool = false, minClientVersion: String? = nil, repository: RepositoryInfo? = nil,
        packageTypes: [PackageTypeInfo] = [], dependencyGroups: [DependencyGroupInfo] = [],
        supportedFrameworks: [String] = [], hasReadme: Bool = false, hasIcon: Bool = false, isSigned: Bool = false
    ) {
        self.title = title
        self.authors = authors
        self.description = description
        self.summary = summary
        self.releaseNotes = releaseNotes
        self.copyright = copyright
        self.language = language
        self.tags = tags
        self.projectUrl = projectUrl
        self.iconUrl = iconUrl
        self.licenseUrl = licenseUrl
        self.licenseExpression = licenseExpression
        self.licenseFile = licenseFile
        self.requireLicenseAcceptance = requireLicenseAcceptance
        self.developmentDependency = developmentDependency
        self.minClientVersion = minClientVersion
        self.repository = repository
        self.packageTypes = packageTypes
        self.dependencyGroups = dependencyGroups
        self.supportedFrameworks = supportedFrameworks
        self.hasReadme = hasReadme
        self.hasIcon = hasIcon
        self.isSigned = isSigned
    }

    /// The package type names, `Dependency` when the nuspec declares none.
    public var effectivePackageTypes: [String] {
        packageTypes.isEmpty ? ["Dependency"] : packageTypes.map(\.name)
    }
}

/// `<repository type= url= branch= commit=>`.
public struct RepositoryInfo: Sendable, Equatable, Codable {
    public var type: String?
    public var url: String?
    public var branch: String?
    public var commit: String?
    /// Creates repository info.
    public init(type: String? = nil, url: String? = nil, branch: String? = nil, commit: String? = nil) {
        self.type = type
        self.url = url
        self.branch = branch
        self.commit = commit
    }
}

/// `<packageType name= version=>`.
public struct PackageTypeInfo: Sendable, Equatable, Codable {
    public var name: String
    public var version: String?
    /// Creates a package type.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// One dependency group: a target framework (nil = any) and its dependencies (may be empty).
public struct DependencyGroupInfo: Sendable, Equatable, Codable {
    /// The short folder name (`net8.0`, `netstandard2.0`), nil for the framework-agnostic group.
    public var targetFramework: String?
    public var dependencies: [DependencyInfo]
    /// Creates a group.
    public init(targetFramework: String?, dependencies: [DependencyInfo]) {
        self.targetFramework = targetFramework
        self.dependencies = dependencies
    }
}

/// One dependency: id as authored and the normalized range string (`[1.0.0, )`).
public struct DependencyInfo: Sendable, Equatable, Codable {
    public var id: String
    public var range: String
    /// Creates a dependency.
    public init(id: String, range: String) {
        self.id = id
        self.range = range
    }
}

/// nuget.org's deprecation (protocol §11); set by owners in a later issue.
public struct PackageDeprecation: Sendable, Equatable, Codable {
    /// `Legacy`, `CriticalBugs`, `Other`.
    public var reasons: [String]
    public var message: String?
    public var alternatePackageID: String?
    public var alternatePackageRange: String?
    /// Creates a deprecation.
    public init(reasons: [String], message: String? = nil, alternatePackageID: String? = nil, alternatePackageRange: String? = nil) {
        self.reasons = reasons
        self.message = message
        self.alternatePackageID = alternatePackageID
        self.alternatePackageRange = alternatePackageRange
    }
}
