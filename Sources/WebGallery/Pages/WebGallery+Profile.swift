import Foundation
import Gallery

struct MemberModel {
    let name: String
    let url: String
    let initial: String
    let role: String
}

struct ProfileModel {
    let layout: LayoutModel
    let name: String
    let initial: String
    let kind: String
    let isOrganization: Bool
    let packageCount: String
    let totalDownloads: String
    let members: [MemberModel]
    let hasMembers: Bool
    let results: [PackageItemModel]
    let hasResults: Bool
    let pager: PagerModel?
}

extension WebGallery {
    /// `/profiles/{name}`: nil when no such (undeleted) account exists.
    func profilePage(name: String, page: Int) async throws -> String? {
        guard let account = try await gallery.store.user(named: name), !account.isDeleted else { return nil }
        // `owner:` search gives the account's listed packages with everything a list item shows.
        // Only the page's hits are built; the count and the downloads cover every match (a profile with 10,000
        // packages built 10,000 hits per view before).
        var query = SearchQuery(q: "owner:\"\(account.name)\"", take: BrowseParameters.pageSize, includePrerelease: true, includeSemVer2: true)
        query.skip = (page - 1) * BrowseParameters.pageSize  // every page of a profile, beyond search's 3,000 too
        let all = gallery.search.search(query)
        let total = all.totalDownloadsOfMatches
        let pageHits = all.hits
        var members: [MemberModel] = []
        if account.isOrganization {
            for membership in try await gallery.store.members(ofOrganization: account.key) {
                guard let user = try await gallery.store.user(key: membership.userKey), !user.isDeleted else { continue }
                let owner = OwnerModel(name: user.name)
                members.append(MemberModel(name: user.name, url: owner.url, initial: owner.initial,
                                           role: membership.role == .admin ? "Administrator" : "Collaborator"))
            }
            members.sort { $0.name.lowercased() < $1.name.lowercased() }
        }
        var layout = layout(account.name)
        layout.noIndex = page > 1
        let items = pageHits.map(PackageItemModel.init(hit:))
        let path = "/profiles/" + Format.pathSegment(account.name)
        return render(ProfileModel(
            layout: layout, name: account.name, initial: String(account.name.prefix(1)),
            kind: account.isOrganization ? "Organization" : "User", isOrganization: account.isOrganization,
            packageCount: Format.grouped(Int64(all.totalHits)), totalDownloads: Format.grouped(total),
            members: members, hasMembers: !members.isEmpty, results: items, hasResults: !items.isEmpty,
            pager: PagerModel.make(page: page, pageSize: BrowseParameters.pageSize, total: all.totalHits) {
                $0 > 1 ? "\(path)?page=\($0)" : path
            }
        ), "profile")
    }
}
