import NuGetCore
import Synchronization

/// Every available version of every package, in memory, for the V2 OData feed (protocol §7).
///
/// V2 answers are per version (one Atom entry each) and its listings span all packages, so the
/// feed keeps its own view next to the search index instead of querying the store per request.
/// It keeps what V2 selects, filters, orders and searches on (`VersionSummary`); the entries of the one
/// page an answer shows (at most 100) are read from the store.
/// It is fed at the same point as the search index (`ChangeRecorder.reindex`: start, push,
/// unlist, relist), so V2 and V3 always agree on versions and listed state. Readers take an
/// immutable snapshot under a short lock.
public final class PackageFeedView: Sendable {
    private let state = Mutex(FeedSnapshot())
    /// Download counts are read from the search index, which the download counter keeps current.
    let search: SearchIndex

    /// Creates an empty view that reads live download counts from `search`.
    public init(search: SearchIndex) {
        self.search = search
    }

    /// Replaces everything known about one id (an empty list, or one with no available version, removes it).
    public func upsert(lowerID: String, records: [PackageVersionRecord]) {
        let package = FeedPackage(lowerID: lowerID, records: records)
        state.withLock { snapshot in
            if let package { snapshot.put(package) } else { snapshot.remove(lowerID: lowerID) }
        }
    }

    /// Start-up: adds packages built from summaries, a page at a time, leaving the id order to `finishLoading()`
    /// (pages come in the database's collation, so keeping `lowerIDs` sorted on every insert could move most of it).
    func load(_ packages: [FeedPackage]) {
        state.withLock { snapshot in
            for package in packages { snapshot.append(package) }
        }
    }

    /// Start-up: sorts the ids `load(_:)` added; the view is read only after this.
    func finishLoading() {
        state.withLock { $0.sortLowerIDs() }
    }

    /// The current state, for lock-free reading.
    public func snapshot() -> FeedSnapshot {
        state.withLock { $0 }
    }

    /// The live whole-id download total of one id, as `downloads(of:).total` without building the per-version
    /// table: list pages ask it once per row (Manage Packages: 10,000 rows for a large account).
    public func totalDownloads(of package: FeedPackage) -> Int64 {
        if let indexed = search.snapshot().package(lowerID: package.lowerID) { return indexed.totalDownloads }
        return package.versions.reduce(0) { $0 + $1.summary.downloads }
    }

    /// Live download counts of one id: the whole-id total and per lower version. Falls back to the
    /// counts stored with the records when the search index does not hold the id (every version unlisted).
    public func downloads(of package: FeedPackage) -> FeedDownloads {
        if let indexed = search.snapshot().package(lowerID: package.lowerID) {
            var byVersion: [String: Int64] = [:]
            for version in indexed.versions { byVersion[version.lowerVersion] = version.downloads }
            return FeedDownloads(total: indexed.totalDownloads, byLowerVersion: byVersion)
        }
        var byVersion: [String: Int64] = [:]
        for version in package.versions { byVersion[version.lowerVersion] = version.summary.downloads }
        return FeedDownloads(total: byVersion.values.reduce(0, +), byLowerVersion: byVersion)
    }
}

/// Download counts of one package id.
public struct FeedDownloads: Sendable, Equatable {
    /// All versions, listed or not (nuget.org's `DownloadCount`).
    public var total: Int64
    /// Per `lower(norm(v))` (`VersionDownloadCount`).
    public var byLowerVersion: [String: Int64]

    /// Creates counts.
    public init(total: Int64, byLowerVersion: [String: Int64]) {
        self.total = total
        self.byLowerVersion = byLowerVersion
    }
}

/// The feed's data at one moment: packages by lower id and the ids in order.
public struct FeedSnapshot: Sendable {
    /// Every package with at least one available version, by lower id.
    public private(set) var packages: [String: FeedPackage] = [:]
    /// Lower ids ascending (ordinal), kept sorted on insert so listings never sort the whole feed.
    public private(set) var lowerIDs: [String] = []
    /// Bumped by every change of versions or listing (not by downloads): lets readers cache what they derive.
    public private(set) var generation = 0

    mutating func put(_ package: FeedPackage) {
        generation += 1
        var package = package
        package.generation = generation
        if packages.updateValue(package, forKey: package.lowerID) == nil {
            lowerIDs.insert(package.lowerID, at: insertionPoint(package.lowerID))
        }
    }

    /// Adds or replaces a package without keeping `lowerIDs` in order (start-up; `sortLowerIDs()` follows).
    mutating func append(_ package: FeedPackage) {
        generation += 1
        var package = package
        package.generation = generation
        if packages.updateValue(package, forKey: package.lowerID) == nil { lowerIDs.append(package.lowerID) }
    }

    mutating func sortLowerIDs() {
        lowerIDs.sort()
    }

    mutating func remove(lowerID: String) {
        guard packages.removeValue(forKey: lowerID) != nil else { return }
        generation += 1
        let at = insertionPoint(lowerID)
        if at < lowerIDs.count, lowerIDs[at] == lowerID { lowerIDs.remove(at: at) }
    }

    private func insertionPoint(_ lowerID: String) -> Int {
        var low = 0, high = lowerIDs.count
        while low < high {
            let mid = (low + high) / 2
            if lowerIDs[mid] < lowerID { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
