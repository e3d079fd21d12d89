import Gallery
import Synchronization

/// What the home, statistics and "recently updated" pages derive from the whole feed, computed once per
/// feed generation (a push, unlist or relist) instead of per request: a pass over 100k versions is cheap
/// once, not on every page view.
struct FeedDigest: Sendable {
    let generation: Int
    let listedVersions: Int
    /// Ids with at least one listed version.
    let packages: Int
    /// The latest listed version of every package with one (stable preferred, as on the home page),
    /// newest `published` first.
    let recentlyUpdated: [PackageVersionRecord]
    /// The latest listed version of every package (prerelease included, as `prerel=true` search shows it),
    /// newest `published` first: browsing by "Recently updated" with no query.
    let latestByPublished: [PackageVersionRecord]
    /// The ten newest listed versions by push time.
    let recentPushes: [PackageVersionRecord]

    init(_ snapshot: FeedSnapshot) {
        generation = snapshot.generation
        var versions = 0
        var stable: [PackageVersionRecord] = [], latest: [PackageVersionRecord] = [], pushes: [PackageVersionRecord] = []
        for package in snapshot.packages.values {
            var newestStable: PackageVersionRecord?, newest: PackageVersionRecord?
            for version in package.versions where version.record.listed {
                let record = version.record
                versions += 1
                newest = record
                if !record.isPrerelease { newestStable = record }
                if pushes.count < 10 || record.created > pushes[pushes.count - 1].created {
                    pushes.append(record)
                    pushes.sort(by: Self.newerPush)
                    if pushes.count > 10 { pushes.removeLast() }
                }
            }
            if let newest {
                latest.append(newest)
                stable.append(newestStable ?? newest)
            }
        }
        listedVersions = versions
        packages = latest.count
        recentlyUpdated = stable.sorted(by: Self.newerPublish)
        latestByPublished = latest.sorted(by: Self.newerPublish)
        recentPushes = pushes
    }

    static func newerPublish(_ a: PackageVersionRecord, _ b: PackageVersionRecord) -> Bool {
        (a.published, b.lowerID) > (b.published, a.lowerID)
    }

    static func newerPush(_ a: PackageVersionRecord, _ b: PackageVersionRecord) -> Bool {
        (a.created, b.lowerID, b.lowerVersion) > (b.created, a.lowerID, a.lowerVersion)
    }
}

/// The digest of the current feed generation.
final class FeedDigestCache: Sendable {
    private let current = Mutex<FeedDigest?>(nil)

    func digest(_ snapshot: FeedSnapshot) -> FeedDigest {
        if let digest = current.withLock({ $0 }), digest.generation == snapshot.generation { return digest }
        // Computed outside the lock: two concurrent misses both compute, which is harmless.
        let digest = FeedDigest(snapshot)
        current.withLock { $0 = digest }
        return digest
    }
}
