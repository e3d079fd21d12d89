import Foundation
import Gallery

/// What the layout needs on every page.
struct LayoutModel {
    let title: String
    let siteName: String
    let styleURL = Assets.style.path
    let scriptURL = Assets.script.path
    let iconURL = Assets.icon.path
    var navPackages = false
    var navStats = false
    var headerSearch = true
    var query: String?
    var noIndex = false
    var description: String?
    var feedURL: String?
    var feedTitle: String?
    let feedAddress: String
    /// The signed-in account's menu, or nil (then the header shows "Sign in").
    var account: AccountMenuModel?
    var signInURL = "/users/account/LogOn"
}

/// The header's account menu; `csrf` signs the sign-out form.
struct AccountMenuModel {
    let name: String
    let csrf: String
    /// Site admins also get "Administration" (`/admin`).
    var isSiteAdmin = false
}

struct LinkModel {
    let name: String
    let url: String
}

struct OwnerModel {
    let name: String
    let url: String
    let initial: String

    init(name: String) {
        self.name = name
        url = "/profiles/" + Format.pathSegment(name)
        initial = String(name.prefix(1))
    }
}

/// One package in a list.
struct PackageItemModel {
    let id: String
    let url: String
    let iconURL: String
    let verified: Bool
    let owners: [OwnerModel]
    let hasOwners: Bool
    let totalDownloads: String
    let updated: String
    let updatedISO: String
    let latestVersion: String
    let prerelease: Bool
    let tags: [LinkModel]
    let hasTags: Bool
    let moreTags: Int?
    let description: String
    let deprecated: Bool
    /// No vulnerability data exists yet; the flag is here so the chip slots in when it does.
    let vulnerable: Bool

    init(hit: SearchHit) {
        self.init(
            record: hit.latest, owners: hit.owners, verified: hit.verified, totalDownloads: hit.totalDownloads,
            vulnerable: hit.advisories.contains { $0.affects(hit.latest.version) })
    }

    init(record: PackageVersionRecord, owners ownerNames: [String], verified: Bool, totalDownloads total: Int64, vulnerable: Bool = false) {
        id = record.id
        url = PackageURLs.package(id: record.id)
        iconURL = PackageURLs.icon(record)
        self.verified = verified
        owners = ownerNames.map(OwnerModel.init(name:))
        hasOwners = !ownerNames.isEmpty
        totalDownloads = Format.grouped(total)
        let updatedDate = record.lastEdited ?? record.published
        updated = Format.shortDay(updatedDate)
        updatedISO = Format.iso(updatedDate)
        latestVersion = record.version
        prerelease = record.isPrerelease
        let shown = record.metadata.tags.prefix(10)
        tags = shown.map { LinkModel(name: $0, url: PackageURLs.tagSearch($0)) }
        hasTags = !shown.isEmpty
        moreTags = record.metadata.tags.count > 10 ? record.metadata.tags.count - 10 : nil
        let text = record.metadata.summary.flatMap { $0.isEmpty ? nil : $0 } ?? record.metadata.description
        description = Format.truncated(text, limit: 300)
        deprecated = record.deprecation != nil
        self.vulnerable = vulnerable
    }
}

/// Previous/Next of a list, 1-based pages.
struct PagerModel {
    let page: Int
    let pageCount: Int
    let previousURL: String?
    let nextURL: String?

    /// nil when everything fits on one page.
    static func make(page: Int, pageSize: Int, total: Int, url: (Int) -> String) -> PagerModel? {
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        guard pageCount > 1 else { return nil }
        return PagerModel(
            page: page, pageCount: pageCount, previousURL: page > 1 ? url(page - 1) : nil,
            nextURL: page < pageCount ? url(page + 1) : nil
        )
    }
}

/// The site's own paths for packages (relative, so they work whatever host the browser used).
enum PackageURLs {
    static func package(id: String) -> String { "/packages/" + Format.pathSegment(id) }
    static func version(id: String, version: String) -> String {
        "/packages/" + Format.pathSegment(id) + "/" + Format.pathSegment(version)
    }
    static func tagSearch(_ tag: String) -> String { "/packages?q=" + Format.queryValue("tags:\"\(tag)\"") }
    static func icon(_ record: PackageVersionRecord) -> String {
        record.metadata.hasIcon ? "/v3/flat/\(record.lowerID)/\(record.lowerVersion)/icon" : Assets.packageIcon.path
    }
    static func nupkg(_ record: PackageVersionRecord) -> String {
        "/v3/flat/\(record.lowerID)/\(record.lowerVersion)/\(record.lowerID).\(record.lowerVersion).nupkg"
    }
}
