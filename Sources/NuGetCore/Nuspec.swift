public import Foundation

/// A package manifest (`{id}.nuspec`): every `<metadata>` element a gallery shows, indexes or validates.
///
/// Parsed from uploaded bytes with `XMLParser` only, by local element name and in any of the nuspec
/// namespaces (2010/07 to 2013/05) or none, the way NuGet's `NuspecReader` reads them. Required elements are
/// `id` and `version`; a missing `authors` or `description` is refused by `PackageValidator`, not here,
/// so that `.snupkg` files (which have neither) can still be opened and recognised.
public struct Nuspec: Sendable, Equatable {
    /// `<id>`, case preserved.
    public var id: PackageID
    /// `<version>`, parsed.
    public var version: NuGetVersion
    /// `<version>` exactly as written (trimmed), e.g. `1.0.01`; the server keys on `version.normalized`.
    public var verbatimVersion: String
    /// `<title>`.
    public var title: String?
    /// `<authors>`, comma-separated as written; empty when absent (`PackageValidator` requires it).
    public var authors: String
    /// `<owners>` (deprecated; nuget.org ignores it for ownership).
    public var owners: String?
    /// `<description>`; empty when absent (`PackageValidator` requires it).
    public var description: String
    /// `<summary>` (deprecated).
    public var summary: String?
    /// `<releaseNotes>`.
    public var releaseNotes: String?
    /// `<copyright>`.
    public var copyright: String?
    /// `<language>`, e.g. `en-US`.
    public var language: String?
    /// `<tags>`, split on spaces (and commas, which many packages use by mistake).
    public var tags: [String]
    /// `<projectUrl>`, unvalidated.
    public var projectUrl: String?
    /// `<iconUrl>` (deprecated in favour of `<icon>`).
    public var iconUrl: String?
    /// `<icon>`: path of an embedded image.
    public var icon: String?
    /// `<readme>`: path of an embedded Markdown file.
    public var readme: String?
    /// `<license>`.
    public var license: NuspecLicense?
    /// `<licenseUrl>` (deprecated; `https://aka.ms/deprecateLicenseUrl` when `<license>` is used).
    public var licenseUrl: String?
    /// `<requireLicenseAcceptance>`.
    public var requireLicenseAcceptance: Bool
    /// `<developmentDependency>`.
    public var developmentDependency: Bool
    /// `<serviceable>`.
    public var serviceable: Bool
    /// The `minClientVersion` attribute of `<metadata>`.
    public var minClientVersion: String?
    /// `<repository>`.
    public var repository: NuspecRepository?
    /// `<packageTypes>`; empty means the default type, `Dependency`.
    public var packageTypes: [NuspecPackageType]
    /// `<dependencies>`; a flat `<dependency>` list becomes one group whose `targetFramework` is nil.
    public var dependencyGroups: [DependencyGroup]
    /// `<frameworkAssemblies>`.
    public var frameworkAssemblies: [FrameworkAssembly]
    /// `<frameworkReferences>`.
    public var frameworkReferenceGroups: [FrameworkReferenceGroup]

    /// Parses a nuspec with Foundation's `XMLParser`.
    ///
    /// Rejects any DOCTYPE outright (so no entity expansion and no external entities), and enforces
    /// `limits` on size, depth, element and dependency counts before building anything large.
    /// - Throws: `NuspecError`.
    public init(parsing data: Data, limits: NuspecLimits = .default) throws {
        let root = try NuspecXMLReader.parse(data, limits: limits)
        self = try NuspecBuilder.build(from: root)
    }

    /// Memberwise initializer used by the parser and by tests.
    init(
        id: PackageID, version: NuGetVersion, verbatimVersion: String, authors: String, description: String
    ) {
        self.id = id
        self.version = version
        self.verbatimVersion = verbatimVersion
        self.authors = authors
        self.description = description
        tags = []
        requireLicenseAcceptance = false
        developmentDependency = false
        serviceable = false
        packageTypes = []
        dependencyGroups = []
        frameworkAssemblies = []
        frameworkReferenceGroups = []
    }

    /// True when `<packageTypes>` names `SymbolsPackage` (a `.snupkg`), which is not a pushable package.
    public var isSymbolsPackageType: Bool {
        packageTypes.contains { $0.name.caseInsensitiveCompare("SymbolsPackage") == .orderedSame }
    }
}
