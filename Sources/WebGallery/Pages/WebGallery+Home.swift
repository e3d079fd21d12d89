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

extension WebGallery {
    /// `/`.
    func homePage() -> String {
        var layout = layout("Home")
        layout.headerSearch = false
        layout.description = "NuGet packages published on \(siteName)."
        let digest = digest()
        let recent = digest.recentlyUpdated.prefix(6).compactMap(item)
        return render(HomeModel(
            layout: layout, downloads: Format.grouped(gallery.search.totalDownloads()),
            versions: Format.grouped(Int64(digest.listedVersions)), packages: Format.grouped(Int64(digest.packages)),
            recent: Array(recent), hasRecent: !recent.isEmpty, feedAddress: layout.feedAddress
        ), "home")
    }
}
