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
    /// The "Published Packages" rows, HTML built by `ManagedPackageRowModel.html`.
    let packagesHTML: String
    let hasPackages: Bool
    /// The "Unlisted Packages" rows, HTML.
    let unlistedOnlyHTML: String
    let hasUnlistedOnly: Bool
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
    let groups: [PackageOwnerGroupModel]
    let reservations: [ReservationRowModel]
    let hasReservations: Bool
}

extension WebGallery {
    /// `/account/Packages`: published and unlisted packages of the person and their organizations, reserved prefixes.
    func accountPackagesPage(_ principal: Principal, notice: String? = nil, error: String? = nil) async throws -> String {
        let packages = try await gallery.accountPackages(by: principal)
        let snapshot = gallery.feed.snapshot()
        let groups = packages.owners.enumerated().map { index, owner in
            let rows = owner.lowerIDs.compactMap { lower -> (ManagedPackageRowModel, Bool)? in
                guard let package = snapshot.packages[lower], let newest = package.versions.last else { return nil }
                let shown = package.versions.last(where: \.listed) ?? newest
                let listed = package.versions.count(where: \.listed)
                let row = ManagedPackageRowModel(
                    id: shown.id, url: PackageURLs.package(id: shown.id),
                    manageURL: PackageURLs.version(id: shown.id, version: shown.normalizedVersion) + "/Manage",
                    latest: shown.version, downloads: Format.grouped(gallery.feed.totalDownloads(of: package)),
                    listed: listed, unlisted: package.versions.count - listed)
                return (row, listed > 0)
            }
            let published = rows.filter(\.1).map(\.0), unlisted = rows.filter { !$0.1 }.map(\.0)
            return PackageOwnerGroupModel(
                name: owner.account.name, headingID: "owner-\(index)",
                role: owner.role.map { $0 == .admin ? "Administrator" : "Collaborator" },
                packagesHTML: published.map { $0.html(listedColumn: true) }.joined(), hasPackages: !published.isEmpty,
                unlistedOnlyHTML: unlisted.map { $0.html(listedColumn: false) }.joined(), hasUnlistedOnly: !unlisted.isEmpty)
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
        return render(AccountPackagesPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", notice: notice, error: error,
            received: received, hasReceived: !received.isEmpty, sent: sent, hasSent: !sent.isEmpty, groups: groups, reservations: reservations, hasReservations: !reservations.isEmpty), "accountPackages")
    }
}
