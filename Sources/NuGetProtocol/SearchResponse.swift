/// The body of a `SearchQueryService` answer (protocol §5, "Response").
///
/// NuGet.Client fails the whole search when `totalHits`, `versions[].@id/version/downloads`
/// or `packageTypes` are missing (§12.8), so those are non-optional here. Optional fields are
/// omitted from the JSON when nil, as nuget.org does.
public struct SearchResponse: Codable, Sendable, Equatable {
    /// Matches ignoring `skip`/`take`.
    public var totalHits: Int
    /// One object per package id, in rank order.
    public var data: [Package]

    /// Creates a response.
    public init(totalHits: Int, data: [Package]) {
        self.totalHits = totalHits
        self.data = data
    }

    /// One package id in the results, described by its latest version matching the filters.
    public struct Package: Codable, Sendable, Equatable {
        /// The registration index URL (nuget.org repeats it in `@id`).
        public var atID: String
        /// Always `Package`.
        public var atType: String
        /// The registration index URL (Visual Studio follows it).
        public var registration: String?
        /// The id as the latest version spells it.
        public var id: String
        /// `full(v)` of the latest version matching the filters.
        public var version: String
        /// The latest version's nuspec description.
        public var description: String?
        /// The latest version's nuspec summary.
        public var summary: String?
        /// The latest version's nuspec title.
        public var title: String?
        /// The served embedded icon, else the nuspec's `iconUrl`.
        public var iconUrl: String?
        /// licenses.nuget.org for an expression, the served license file, else the nuspec's `licenseUrl`.
        public var licenseUrl: String?
        /// The nuspec's `projectUrl`.
        public var projectUrl: String?
        /// The nuspec's tags.
        public var tags: [String]
        /// The nuspec's comma-separated authors, split.
        public var authors: [String]
        /// Accounts allowed to push (never the nuspec's `<owners>`).
        public var owners: [String]
        /// Downloads of every version, listed or not.
        public var totalDownloads: Int64
        /// Blue check in Visual Studio: the id is in a prefix reserved by an owner.
        public var verified: Bool
        /// At least one entry; `Dependency` when the nuspec declares none.
        public var packageTypes: [PackageType]
        /// Every listed version matching the filters, ascending.
        public var versions: [Version]
        /// Of the latest version (the shared protocol §11 shape).
        public var deprecation: Deprecation?
        /// Of the latest version; empty when none is known.
        public var vulnerabilities: [Vulnerability]

        /// Creates a package entry; `@type` is always `Package`.
        public init(
            atID: String, registration: String?, id: String, version: String, description: String?,
            summary: String?, title: String?, iconUrl: String?, licenseUrl: String?, projectUrl: String?,
            tags: [String], authors: [String], owners: [String], totalDownloads: Int64, verified: Bool,
            packageTypes: [PackageType], versions: [Version], deprecation: Deprecation? = nil,
            vulnerabilities: [Vulnerability] = []
        ) {
            self.atID = atID
            self.atType = "Package"
            self.registration = registration
            self.id = id
            self.version = version
            self.description = description
            self.summary = summary
            self.title = title
            self.iconUrl = iconUrl
            self.licenseUrl = licenseUrl
            self.projectUrl = projectUrl
            self.tags = tags
            self.authors = authors
            self.owners = owners
            self.totalDownloads = totalDownloads
            self.verified = verified
            self.packageTypes = packageTypes
            self.versions = versions
            self.deprecation = deprecation
            self.vulnerabilities = vulnerabilities
        }

        enum CodingKeys: String, CodingKey {
            case atID = "@id", atType = "@type", registration, id, version, description, summary, title
            case iconUrl, licenseUrl, projectUrl, tags, authors, owners, totalDownloads, verified
            case packageTypes, versions, deprecation, vulnerabilities
        }
    }

    /// `{ "name": "Dependency" }`.
    public struct PackageType: Codable, Sendable, Equatable {
        /// The package type name (`Dependency`, `DotnetTool`, …).
        public var name: String
        /// Creates a package type entry.
        public init(name: String) { self.name = name }
    }

    /// One listed version: all three fields are required by NuGet.Client.
    public struct Version: Codable, Sendable, Equatable {
        /// `full(v)`.
        public var version: String
        /// Downloads of this version.
        public var downloads: Int64
        /// The registration leaf URL of this version.
        public var atID: String

        /// Creates a version entry.
        public init(version: String, downloads: Int64, atID: String) {
            self.version = version
            self.downloads = downloads
            self.atID = atID
        }

        enum CodingKeys: String, CodingKey {
            case version, downloads, atID = "@id"
        }
    }
}
