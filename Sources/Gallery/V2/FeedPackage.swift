public import NuGetCore

/// One package id as the V2 feed sees it: its available versions in NuGet order, each with the
/// latest flags computed over **listed** versions only (protocol §7, "Unlisted in V2").
public struct FeedPackage: Sendable {
    public let lowerID: String
    /// Available versions (listed and unlisted), ascending in NuGet version order.
    public let versions: [FeedVersion]

    /// Builds the package from its records; nil when none is available.
    init?(lowerID: String, records: [PackageVersionRecord]) {
        let sorted = records.availableInNuGetOrder()
        guard !sorted.isEmpty else { return nil }
        self.lowerID = lowerID
        // semVerLevel decides which versions compete for "latest": without 2.0.0, SemVer2 versions
        // are hidden and the flags are computed among SemVer1 versions only (protocol §7).
        func lastIndex(semVer2: Bool, prerelease: Bool) -> Int? {
            sorted.lastIndex { $0.listed && (semVer2 || !$0.isSemVer2) && (prerelease || !$0.isPrerelease) }
        }
        let latest1 = lastIndex(semVer2: false, prerelease: false), absolute1 = lastIndex(semVer2: false, prerelease: true)
        let latest2 = lastIndex(semVer2: true, prerelease: false), absolute2 = lastIndex(semVer2: true, prerelease: true)
        var versions: [FeedVersion] = []
        versions.reserveCapacity(sorted.count)
        for (index, decoded) in sorted.enumerated() {
            // Repeated texts of an id are held once (FeedPackage+SharedStorage).
            let previous = versions.last
            let record = previous.map { decoded.sharingStorage(with: $0.record) } ?? decoded
            versions.append(FeedVersion(
                record: record, parsed: try? NuGetVersion(parsing: record.version),
                latest: FeedVersion.Flags(
                    isLatest1: index == latest1, isAbsoluteLatest1: index == absolute1,
                    isLatest2: index == latest2, isAbsoluteLatest2: index == absolute2
                ),
                searchText: previous.flatMap { $0.record.hasSameSearchText(as: record) ? $0.searchText : nil } ?? FeedSearchText(record)
            ))
        }
        self.versions = versions
    }

    /// The version with this `lower(norm(v))`, listed or not.
    public func version(lowerVersion: String) -> FeedVersion? {
        versions.first { $0.record.lowerVersion == lowerVersion }
    }
}

/// One available version with its precomputed latest flags.
public struct FeedVersion: Sendable {
    public let record: PackageVersionRecord
    /// The parsed version (nil only for a corrupt row), for ordering and range checks.
    public let parsed: NuGetVersion?
    let latest: Flags
    /// Lowercased id, title, tags, summary, description and authors, computed once per write so a
    /// `Search()` request only scans (it otherwise lowercased every field of every version per request).
    let searchText: FeedSearchText

    struct Flags: Sendable {
        var isLatest1, isAbsoluteLatest1, isLatest2, isAbsoluteLatest2: Bool
    }

    /// `IsLatestVersion`: the newest listed stable version among those the SemVer level shows.
    public func isLatestVersion(semVer2: Bool) -> Bool { semVer2 ? latest.isLatest2 : latest.isLatest1 }
    /// `IsAbsoluteLatestVersion`: the newest listed version, prerelease included.
    public func isAbsoluteLatestVersion(semVer2: Bool) -> Bool { semVer2 ? latest.isAbsoluteLatest2 : latest.isAbsoluteLatest1 }
    /// Shown at this SemVer level (SemVer 2.0.0 versions only with `semVerLevel=2.0.0`).
    public func isVisible(semVer2: Bool) -> Bool { semVer2 || !record.isSemVer2 }
}
