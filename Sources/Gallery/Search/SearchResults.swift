/// One page of search results.
public struct SearchResults: Sendable, Equatable {
    /// Packages matching the query, ignoring `skip`/`take`.
    public var totalHits: Int
    /// The requested page, best first.
    public var hits: [SearchHit]
    /// Total downloads of every matching package, ignoring `skip`/`take` (a profile's "total downloads").
    public var totalDownloadsOfMatches: Int64

    /// Creates results.
    public init(totalHits: Int, hits: [SearchHit], totalDownloadsOfMatches: Int64 = 0) {
        self.totalHits = totalHits
        self.hits = hits
        self.totalDownloadsOfMatches = totalDownloadsOfMatches
    }
}

/// One package id in the results, described by its latest version matching the filters.
public struct SearchHit: Sendable, Equatable {
    /// The latest matching version's record (its id casing and metadata are displayed).
    /// Dependency groups, supported frameworks and release notes are left empty: search
    /// never shows them.
    public var latest: PackageVersionRecord
    /// Every listed version the filters keep, ascending (latest is the last).
    public var versions: [SearchHitVersion]
    /// Downloads of every available version, listed or not (nuget.org's `totalDownloads`).
    public var totalDownloads: Int64
    /// Accounts allowed to push the id.
    public var owners: [String]
    /// The id is in a prefix reserved by one of its owners.
    public var verified: Bool
    /// The id's known vulnerabilities (the rendered hit lists those covering `latest`).
    public var advisories: [Advisory]

    /// Creates a hit.
    public init(
        latest: PackageVersionRecord, versions: [SearchHitVersion], totalDownloads: Int64, owners: [String], verified: Bool,
        advisories: [Advisory] = []
    ) {
        self.advisories = advisories
        self.latest = latest
        self.versions = versions
        self.totalDownloads = totalDownloads
        self.owners = owners
        self.verified = verified
    }

    /// The id as the latest version spells it.
    public var id: String { latest.id }
    /// `lower(id)`.
    public var lowerID: String { latest.lowerID }
}

/// One version line of a hit.
public struct SearchHitVersion: Sendable, Equatable {
    /// `full(v)`.
    public var version: String
    /// `lower(norm(v))`, for the registration leaf URL.
    public var lowerVersion: String
    /// Downloads of this version.
    public var downloads: Int64

    /// Creates a version line.
    public init(version: String, lowerVersion: String, downloads: Int64) {
        self.version = version
        self.lowerVersion = lowerVersion
        self.downloads = downloads
    }
}
