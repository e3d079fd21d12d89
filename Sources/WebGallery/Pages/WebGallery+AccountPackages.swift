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
}

struct PackageOwnerGroupModel {
    let name: String
    let headingID: String
    let role: String?
    let packages: [ManagedPackageRowModel]
    let hasPackages: Bool
    let unlistedOnly: [ManagedPackageRowModel]
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
                let listed = package.versions.filter(\.listed).count
                let row = ManagedPackageRowModel(
                    id: shown.id, url: PackageURLs.package(id: shown.id),
                    manageURL: PackageURLs.version(id: shown.id, version: shown.normalizedVersion) + "/Manage",
                    latest: shown.version, downloads: Format.grouped(gallery.feed.downloads(of: package).total),
                    listed: listed, unlisted: package.versions.count - listed)
                return (row, listed > 0)
            }
            let published = rows.filter(\.1).map(\.0), unlisted = rows.filter { !$0.1 }.map(\.0)
            return PackageOwnerGroupModel(
                name: owner.account.name, headingID: "owner-\(index)",
                role: owner.role.map { $0 == .admin ? "Administrator" : "Collaborator" },
                packages: published, hasPackages: !published.isEmpty, unlistedOnly: unlisted, hasUnlistedOnly: !unlisted.isEmpty)
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
