import Foundation
import Gallery

struct StatsRowModel {
    let id: String
    let version: String?
    let url: String
    let downloads: String
    let updated: String
    let updatedISO: String
}

struct StatsModel {
    let layout: LayoutModel
    let downloads: String
    let versions: String
    let packages: String
    let topPackages: [StatsRowModel]
    let topVersions: [StatsRowModel]
    let recentPushes: [StatsRowModel]
}

extension WebGallery {
    /// `/stats`: totals, the ten most downloaded packages and versions, the ten latest pushes.
    func statsPage() -> String {
        var layout = layout("Statistics")
        layout.navStats = true
        let snapshot = gallery.feed.snapshot()
        let digest = digests.digest(snapshot)
        let top = gallery.search.search(SearchQuery(q: "", take: 10, includePrerelease: true, includeSemVer2: true)).hits.map {
            StatsRowModel(id: $0.id, version: nil, url: PackageURLs.package(id: $0.id), downloads: Format.grouped($0.totalDownloads),
                          updated: "", updatedISO: "")
        }
        let topVersions = gallery.search.topVersions(limit: 10).map { entry in
            let id = snapshot.packages[entry.lowerID]?.versions.last?.id ?? entry.lowerID
            return StatsRowModel(id: id, version: entry.version, url: PackageURLs.version(id: id, version: entry.version),
                                 downloads: Format.grouped(entry.downloads), updated: "", updatedISO: "")
        }
        let pushes = digest.recentPushes.map {
            StatsRowModel(id: $0.id, version: $0.version, url: PackageURLs.version(id: $0.id, version: $0.normalizedVersion),
                          downloads: "", updated: Format.shortDay($0.created), updatedISO: Format.iso($0.created))
        }
        return render(StatsModel(
            layout: layout, downloads: Format.grouped(gallery.search.totalDownloads()),
            versions: Format.grouped(Int64(digest.listedVersions)), packages: Format.grouped(Int64(digest.packages)),
            topPackages: top, topVersions: topVersions, recentPushes: pushes
        ), "stats")
    }
}
