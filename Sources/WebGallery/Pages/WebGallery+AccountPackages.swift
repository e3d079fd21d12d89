import Foundation
import Gallery

struct ManagedPackageRowModel {
    let id: String
    let url: String
    let manageURL: String
    let latest: String
    let downloads: String
    let listed: Int
    let unlisted: Int

    /// The table row, as the template wrote it (`listedColumn` only in the "Published Packages" table);
    /// built here because a template section costs too much per row at 10,000 packages (see `RowHTML`).
    func html(listedColumn: Bool) -> String {
        let id = RowHTML.escape(id)
        var row = "<tr><td><a href=\"" + RowHTML.escape(url) + "\">" + id + "</a></td><td>" + RowHTML.escape(latest)
        row += "</td><td class=\"number\">" + RowHTML.escape(downloads) + "</td>"
        if listedColumn { row += "<td class=\"number\">" + String(listed) + "</td>" }
        row += "<td class=\"number\">" + String(unlisted) + "</td><td><a href=\"" + RowHTML.escape(manageURL)
        row += "\" aria-label=\"Manage " + id + "\">Manage</a></td></tr>"
        return row
    }
}

struct PackageOwnerGroupModel {
    let name: String
    let headingID: String
    let role: String?
    /// This page's "Published Packages" rows, HTML built by `ManagedPackageRowModel.html`.
    let packagesHTML: String
    let hasPackages: Bool
    /// Which rows of how many, or why there are none.
    let packagesSummary: String
    /// This page's "Unlisted Packages" rows, HTML.
    let unlistedOnlyHTML: String
    let hasUnlistedOnly: Bool
    let unlistedSummary: String
}

struct OwnerChoice {
    let name: String
    let selected: Bool
}

struct ReservationRowModel {
    let pattern: String
    let owners: String
    let isOpen: Bool
}

struct OwnershipRequestRowModel {
    let id: String
    let url: String
    let account: String
    let requester: String
    let message: String?
}

struct AccountPackagesPageModel {
    var layout: LayoutModel
    let csrf: String
    let notice: String?
    let error: String?
    let received: [OwnershipRequestRowModel]
    let hasReceived: Bool
    let sent: [OwnershipRequestRowModel]
    let hasSent: Bool
    /// The filter form (a GET: it works without JavaScript).
    let q: String
    let ownerChoices: [OwnerChoice]
    let allOwners: Bool
    let pageNote: String?
    let groups: [PackageOwnerGroupModel]
    let pager: PagerModel?
    let reservations: [ReservationRowModel]
    let hasReservations: Bool
}

extension WebGallery {
    /// `/account/Packages`: published and unlisted packages of the person and their organizations (filtered by id
    /// and owning account, `AccountPackagesQuery.pageSize` rows of each table a page), reserved prefixes, requests.
    func accountPackagesPage(
        _ principal: Principal, query: AccountPackagesQuery = AccountPackagesQuery(), notice: String? = nil, error: String? = nil
    ) async throws -> String {
        let snapshot = gallery.feed.snapshot()
        let (ownedIDs, store) = (self.ownedIDs, gallery.store)
        let packages = try await gallery.accountPackages(by: principal) { try await ownedIDs.lowerIDs(of: $0, store: store, snapshot: snapshot) }
        let owners = packages.owners.enumerated().filter { query.owner.isEmpty || $0.element.account.name.lowercased() == query.owner.lowercased() }
        guard !owners.isEmpty else { throw GalleryError.badRequest("You manage no packages of an account named \"\(query.owner)\".") }
        // Every matching id of each table, classified once; rows are built for this page only.
        let tables = owners.map { index, owner in
            var published: [FeedPackage] = [], unlisted: [FeedPackage] = []
            for lower in owner.lowerIDs where query.matches(lower) {
                guard let package = snapshot.packages[lower] else { continue }
                if package.versions.contains(where: \.listed) { published.append(package) } else { unlisted.append(package) }
            }
            return (index: index, owner: owner, published: published, unlisted: unlisted)
        }
        let size = AccountPackagesQuery.pageSize
        let longest = tables.map { max($0.published.count, $0.unlisted.count) }.max() ?? 0
        let pageCount = max(1, (longest + size - 1) / size)
        let page = min(query.page, pageCount)
        let pageNote = query.page > pageCount
            ? "There is no page \(query.page): the list has \(Format.grouped(Int64(pageCount))) page\(pageCount == 1 ? "" : "s"). This is the last one." : nil
        let window = (page - 1) * size..<page * size
        let groups = tables.map { table in
            PackageOwnerGroupModel(
                name: table.owner.account.name, headingID: "owner-\(table.index)",
                role: table.owner.role.map { $0 == .admin ? "Administrator" : "Collaborator" },
                packagesHTML: rows(table.published, window).map { $0.html(listedColumn: true) }.joined(),
                hasPackages: table.published.count > window.lowerBound,
                packagesSummary: Self.summary(table.published.count, window, kind: "published", query: query),
                unlistedOnlyHTML: rows(table.unlisted, window).map { $0.html(listedColumn: false) }.joined(),
                hasUnlistedOnly: table.unlisted.count > window.lowerBound,
                unlistedSummary: Self.summary(table.unlisted.count, window, kind: "unlisted", query: query))
        }
        let reservations = packages.reservations.map {
            ReservationRowModel(pattern: $0.reservation.pattern, owners: $0.ownerNames.joined(separator: ", "), isOpen: $0.reservation.isOpen)
        }
        let requests = try await administration.ownershipRequests(of: principal)
        func row(_ pending: PendingOwnership) -> OwnershipRequestRowModel {
            OwnershipRequestRowModel(
                id: pending.id, url: PackageURLs.package(id: pending.id), account: pending.account.name, requester: pending.requester.name,
                message: pending.request.message.isEmpty ? nil : pending.request.message)
        }
        let received = requests.received.map(row), sent = requests.sent.map(row)
        var layout = layout("Manage Packages")
        layout.noIndex = true
        let selectedOwner = owners.count == 1 && !query.owner.isEmpty ? owners[0].element.account.name : nil
        return render(AccountPackagesPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", notice: notice, error: error,
            received: received, hasReceived: !received.isEmpty, sent: sent, hasSent: !sent.isEmpty,
            q: query.q, ownerChoices: packages.owners.map { OwnerChoice(name: $0.account.name, selected: $0.account.name == selectedOwner) },
            allOwners: selectedOwner == nil, pageNote: pageNote, groups: groups,
            pager: PagerModel.make(page: page, pageSize: size, total: longest, url: query.url(page:)),
            reservations: reservations, hasReservations: !reservations.isEmpty), "accountPackages")
    }

    /// The rows of `packages` inside `window`.
    private func rows(_ packages: [FeedPackage], _ window: Range<Int>) -> [ManagedPackageRowModel] {
        packages[min(window.lowerBound, packages.count)..<min(window.upperBound, packages.count)].compactMap { package in
            guard let newest = package.versions.last else { return nil }
            let shown = package.versions.last(where: \.listed) ?? newest
            let listed = package.versions.count(where: \.listed)
            return ManagedPackageRowModel(
                id: shown.id, url: PackageURLs.package(id: shown.id),
                manageURL: PackageURLs.version(id: shown.id, version: shown.normalizedVersion) + "/Manage",
                latest: shown.version, downloads: Format.grouped(gallery.feed.totalDownloads(of: package)),
                listed: listed, unlisted: package.versions.count - listed)
        }
    }

    /// "Showing 51–100 of 10,000." above a table, or why it has no rows on this page.
    static func summary(_ total: Int, _ window: Range<Int>, kind: String, query: AccountPackagesQuery) -> String {
        if total == 0 {
            if !query.q.isEmpty { return "No \(kind) package ID contains \"\(query.q)\"." }
            return kind == "published" ? "No published packages." : "No package with every version unlisted."
        }
        let count = Format.grouped(Int64(total))
        guard total > window.lowerBound else { return "On earlier pages: \(count) in all." }
        if window.lowerBound == 0, total <= window.count { return total == 1 ? "1 package." : "\(count) packages." }
        let last = min(total, window.upperBound)
        return "Showing \(Format.grouped(Int64(window.lowerBound + 1)))–\(Format.grouped(Int64(last))) of \(count)."
    }
}
