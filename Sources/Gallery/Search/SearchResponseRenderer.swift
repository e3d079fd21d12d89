public import NuGetProtocol

/// Turns search results into the wire document of protocol §5, with absolute URLs.
public struct SearchResponseRenderer: Sendable {
    /// The URL set of the feed being answered.
    public let urls: FeedURLs

    /// Creates a renderer for one base URL.
    public init(urls: FeedURLs) {
        self.urls = urls
    }

    /// The `SearchQueryService` body. `semVer2` picks the registration hive the links point
    /// into: the SemVer 2 hive lists every version, the plain one hides SemVer 2.0.0 versions
    /// (protocol §4), matching what the request could see.
    public func render(_ results: SearchResults, semVer2: Bool) -> SearchResponse {
        SearchResponse(totalHits: results.totalHits, data: results.hits.map { render($0, semVer2: semVer2) })
    }

    /// One `data[]` entry.
    public func render(_ hit: SearchHit, semVer2: Bool) -> SearchResponse.Package {
        let hive: FeedURLs.Hive = semVer2 ? .gzSemVer2 : .semVer1
        let latest = hit.latest, metadata = latest.metadata
        let registration = urls.registrationIndex(hive, lowerID: hit.lowerID)
        return SearchResponse.Package(
            atID: registration, registration: registration, id: latest.id, version: latest.version,
            description: metadata.description, summary: metadata.summary, title: metadata.title,
            iconUrl: iconURL(latest), licenseUrl: licenseURL(latest), projectUrl: metadata.projectUrl,
            tags: metadata.tags, authors: Self.authors(metadata.authors), owners: hit.owners,
            totalDownloads: hit.totalDownloads, verified: hit.verified,
            packageTypes: metadata.effectivePackageTypes.map(SearchResponse.PackageType.init(name:)),
            versions: hit.versions.map {
                SearchResponse.Version(
                    version: $0.version, downloads: $0.downloads,
                    atID: urls.registrationLeaf(hive, lowerID: hit.lowerID, lowerVersion: $0.lowerVersion)
                )
            },
            deprecation: latest.deprecation.map(Self.deprecation),
            // Always an array (empty when none); severity is an integer here, unlike registration's string.
            vulnerabilities: VulnerabilityRenderer.vulnerabilities(of: latest.version, in: hit.advisories).map {
                SearchResponse.Vulnerability(advisoryUrl: $0.advisoryUrl, severity: Int($0.severity) ?? 0)
            }
        )
    }

    /// An embedded icon is served from the flat container; otherwise the nuspec's deprecated `iconUrl`.
    func iconURL(_ record: PackageVersionRecord) -> String? {
        record.metadata.hasIcon ? urls.icon(lowerID: record.lowerID, lowerVersion: record.lowerVersion) : record.metadata.iconUrl
    }

    /// nuget.org points expressions at licenses.nuget.org and files at the served license.
    func licenseURL(_ record: PackageVersionRecord) -> String? {
        let metadata = record.metadata
        if let expression = metadata.licenseExpression { return urls.licenseExpression(expression) }
        if metadata.licenseFile != nil { return urls.licenseFile(lowerID: record.lowerID, lowerVersion: record.lowerVersion) }
        return metadata.licenseUrl
    }

    /// The nuspec's comma-separated authors as an array, as nuget.org writes them.
    static func authors(_ authors: String) -> [String] {
        authors.split(separator: ",").map { $0.trimmedForSearch() }.filter { !$0.isEmpty }
    }

    static func deprecation(_ deprecation: PackageDeprecation) -> Deprecation {
        Deprecation(
            reasons: deprecation.reasons, message: deprecation.message,
            alternatePackage: deprecation.alternatePackageID.map {
                // A missing range means any version (protocol §11: `*`).
                AlternatePackage(id: $0, range: deprecation.alternatePackageRange ?? "*")
            }
        )
    }
}

extension Substring {
    func trimmedForSearch() -> String { String(self).trimmedForSearch() }
}
