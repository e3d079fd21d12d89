import Foundation
import Gallery
import Synchronization

/// What the home, statistics and "recently updated" pages derive from the whole feed, computed once per
/// feed generation (a push, unlist or relist) instead of per request: a pass over 100k versions is cheap
/// once, not on every page view.
struct FeedDigest: Sendable {
    /// A listed version in a list: its key and `published`, the order of the lists. Its card shows the record
    /// search displays for it (`SearchIndex.displayedRecord`): the view keeps summaries only.
    struct Entry: Sendable {
        let key: PackageVersionKey
        let published: Date
    }

    let generation: Int
    let listedVersions: Int
    /// Ids with at least one listed version.
    let packages: Int
    /// The latest listed version of every package with one (stable preferred, as on the home page),
    /// newest `published` first.
    let recentlyUpdated: [Entry]
    /// The latest listed version of every package (prerelease included, as `prerel=true` search shows it),
    /// newest `published` first: browsing by "Recently updated" with no query.
    let latestByPublished: [Entry]
    /// The ten newest listed versions by push time.
    let recentPushes: [FeedVersion]

    init(_ snapshot: FeedSnapshot) {
        generation = snapshot.generation
        var versions = 0
        var stable: [Entry] = [], latest: [Entry] = [], pushes: [FeedVersion] = []
        for package in snapshot.packages.values {
            var newestStable: FeedVersion?, newest: FeedVersion?
            for version in package.versions where version.listed {
                versions += 1
                newest = version
                if !version.isPrerelease { newestStable = version }
                if pushes.count < 10 || version.created > pushes[pushes.count - 1].created {
                    pushes.append(version)
                    pushes.sort(by: Self.newerPush)
                    if pushes.count > 10 { pushes.removeLast() }
                }
            }
            if let newest {
                latest.append(Entry(key: newest.key, published: newest.published))
                let shown = newestStable ?? newest
                stable.append(Entry(key: shown.key, published: shown.published))
            }
        }
        listedVersions = versions
        packages = latest.count
        recentlyUpdated = stable.sorted(by: Self.newerPublish)
        latestByPublished = latest.sorted(by: Self.newerPublish)
        recentPushes = pushes
    }

    static func newerPublish(_ a: Entry, _ b: Entry) -> Bool {
        (a.published, b.key.lowerID) > (b.published, a.key.lowerID)
    }

    static func newerPush(_ a: FeedVersion, _ b: FeedVersion) -> Bool {
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
