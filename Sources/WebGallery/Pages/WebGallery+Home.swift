import Foundation
import Gallery

struct HomeModel {
    let layout: LayoutModel
    let downloads: String
    let versions: String
    let packages: String
    let recent: [PackageItemModel]
    let hasRecent: Bool
    let feedAddress: String
}

struct Totals {
    let downloads: Int64
    let versions: Int
    let packages: Int
}

extension WebGallery {
    /// `/`.
    func homePage() -> String {
        var layout = layout("Home")
        layout.headerSearch = false
        layout.description = "NuGet packages published on \(siteName)."
        let snapshot = gallery.feed.snapshot()
        let totals = totals(snapshot)
        let recent = recentlyUpdated(snapshot, limit: 6).map { record in
            let facts = gallery.search.facts(ofLowerID: record.lowerID)
            return PackageItemModel(
                record: record, owners: facts?.owners ?? [], verified: facts?.verified ?? false,
                totalDownloads: facts?.totalDownloads ?? record.downloads)
        }
        return render(HomeModel(
            layout: layout, downloads: Format.grouped(totals.downloads), versions: Format.grouped(Int64(totals.versions)),
            packages: Format.grouped(Int64(totals.packages)), recent: recent, hasRecent: !recent.isEmpty,
            feedAddress: layout.feedAddress
        ), "home")
    }

    /// Listed packages and versions, and live downloads of everything.
    func totals(_ snapshot: FeedSnapshot) -> Totals {
        var versions = 0, packages = 0
        for package in snapshot.packages.values {
            let listed = package.versions.reduce(0) { $0 + ($1.record.listed ? 1 : 0) }
            versions += listed
            if listed > 0 { packages += 1 }
        }
        return Totals(downloads: gallery.search.totalDownloads(), versions: versions, packages: packages)
    }

    /// The latest listed version of the packages updated most recently (by their latest version's publish
    /// time), newest first.
    func recentlyUpdated(_ snapshot: FeedSnapshot, limit: Int) -> [PackageVersionRecord] {
        var best: [PackageVersionRecord] = []
        for package in snapshot.packages.values {
            guard let latest = package.versions.last(where: { $0.record.listed && !$0.record.isPrerelease })?.record
                ?? package.versions.last(where: \.record.listed)?.record else { continue }
            if best.count == limit, let last = best.last, latest.published <= last.published { continue }
            best.append(latest)
            best.sort { ($0.published, $1.lowerID) > ($1.published, $0.lowerID) }
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
