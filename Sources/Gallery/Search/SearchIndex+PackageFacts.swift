/// What the index knows of one id beyond its versions: read from memory by the web gallery, so a page
/// needs no store read per owner or per package.
public struct PackageFacts: Sendable, Equatable {
    /// Account names allowed to push the id.
    public var owners: [String]
    /// The id lies in a prefix reserved by one of its owners.
    public var verified: Bool
    /// Live downloads of every available version.
    public var totalDownloads: Int64
}

/// One version's live download count, for "top versions" lists.
public struct VersionDownloads: Sendable, Equatable {
    /// `lower(id)`.
    public var lowerID: String
    /// `full(v)`.
    public var version: String
    /// Live downloads of this version.
    public var downloads: Int64
}

extension SearchIndex {
    /// Owners, verified mark and total downloads of an id; nil when the id has no listed version.
    public func facts(ofLowerID lowerID: String) -> PackageFacts? {
        guard let package = snapshot().package(lowerID: lowerID.lowercased()) else { return nil }
        return PackageFacts(owners: package.owners, verified: package.verified, totalDownloads: package.totalDownloads)
    }

    /// The record search displays for a version (the latest one under some filter combination, as search shows
    /// it: without dependencies, frameworks and release notes), or nil when search displays no such version.
    public func displayedRecord(_ key: PackageVersionKey) -> PackageVersionRecord? {
        guard let package = snapshot().package(lowerID: key.lowerID) else { return nil }
        return package.texts.first { $0.record.lowerVersion == key.lowerVersion }?.record
    }

    /// Live downloads of every searchable id together (the gallery's "package downloads" total).
    public func totalDownloads() -> Int64 {
        snapshot().packages.reduce(0) { $0 + ($1?.totalDownloads ?? 0) }
    }

    /// The `limit` most downloaded listed versions, most first (ties by id, then version).
    public func topVersions(limit: Int) -> [VersionDownloads] {
        var best: [VersionDownloads] = []
        for case let package? in snapshot().packages {
            for version in package.versions where version.listed {
                if best.count == limit, let last = best.last, version.downloads <= last.downloads { continue }
                best.append(VersionDownloads(lowerID: package.lowerID, version: version.full, downloads: version.downloads))
                best.sort { ($0.downloads, $1.lowerID, $1.version) > ($1.downloads, $0.lowerID, $0.version) }
                if best.count > limit { best.removeLast() }
            }
        }
        return best
    }
}
