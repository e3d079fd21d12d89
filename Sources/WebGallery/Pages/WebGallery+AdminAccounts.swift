import Foundation
import Gallery

struct AdminAccountModel {
    let key: String
    let name: String
    let kind: String
    let organization: Bool
    let email: String
    let confirmed: String
    let locked: String
    let admin: String
    let organizations: String
    let packages: [String]
    let keys: [String]
    let lockValue: String
    let lockLabel: String
    let grantValue: String
    let grantLabel: String
    let csrf: String
}

struct AdminAccountsModel {
    var layout: LayoutModel
    let query: String
    let searched: Bool
    let accounts: [AdminAccountModel]
    let hasAccounts: Bool
    let message: String?
    let error: String?
}

struct CoveredIDModel {
    let id: String
    let verified: Bool
}

struct ReservationModel {
    let pattern: String
    let domID: String
    let isOpen: Bool
    let owners: String
    let covered: [CoveredIDModel]
    let csrf: String
}

struct AdminReservationsModel {
    var layout: LayoutModel
    let csrf: String
    let reservations: [ReservationModel]
    let hasReservations: Bool
    let message: String?
    let error: String?
}

extension WebGallery {
    /// `/admin/Accounts?q=`: accounts whose name or email contains `query`, with what an operator needs to judge.
    func adminAccountsPage(query: String, message: String? = nil, error: String? = nil) async throws -> String {
        let store = gallery.store
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        let csrf = WebVisitor.current?.csrfToken ?? ""
        var models: [AdminAccountModel] = []
        var found: [User] = []
        if !trimmed.isEmpty { found = try await store.findAccounts(matching: trimmed, limit: 20) }
        for user in found {
            let flags = try await store.accountFlags(userKey: user.key)
            var organizations: [String] = []
            for membership in try await store.memberships(ofUser: user.key) {
                if let organization = try await store.user(key: membership.organizationKey), !organization.isDeleted {
                    organizations.append("\(organization.name) (\(membership.role.rawValue))")
                }
            }
            let now = gallery.clock.now()
            // Names, scopes and state only: the secrets are never stored, and the hashes are not shown.
            let keys = try await store.apiKeys(involving: user.key).map { key in
                let state = key.revoked ? "revoked" : (key.expires.map { $0 <= now } ?? false) ? "expired" : "active"
                return "\(key.name) (\(state), \(key.scopes.map(\.rawValue).joined(separator: "+")))"
            }
            let confirmed = try await store.credentials(userKey: user.key)?.emailConfirmed ?? false
            models.append(AdminAccountModel(
                key: String(user.key), name: user.name, kind: user.kind.rawValue, organization: user.isOrganization, email: user.email,
                confirmed: confirmed ? "Yes" : "No", locked: flags.isLocked ? "Yes" : "No", admin: user.isSiteAdmin ? "Yes" : "No",
                organizations: organizations.isEmpty ? "none" : organizations.joined(separator: ", "),
                packages: try await store.ownedLowerIDs(of: user.key), keys: keys,
                lockValue: flags.isLocked ? "false" : "true", lockLabel: flags.isLocked ? "Unlock \(user.name)" : "Lock \(user.name)",
                grantValue: user.isSiteAdmin ? "false" : "true",
                grantLabel: user.isSiteAdmin ? "Revoke site admin from \(user.name)" : "Make \(user.name) a site admin", csrf: csrf))
        }
        return render(AdminAccountsModel(
            layout: adminLayout("Accounts"), query: trimmed, searched: !trimmed.isEmpty, accounts: models,
            hasAccounts: !models.isEmpty, message: message, error: error), "adminAccounts")
    }

    /// `/admin/Reservations`: every reservation with its owners and the ids it covers (verified marks).
    func adminReservationsPage(message: String? = nil, error: String? = nil) async throws -> String {
        let store = gallery.store
        let csrf = WebVisitor.current?.csrfToken ?? ""
        let snapshot = gallery.feed.snapshot()
        var models: [ReservationModel] = []
        for (index, reservation) in try await administration.reservations().sorted(by: { $0.lowerPattern < $1.lowerPattern }).enumerated() {
            var owners: [String] = []
            for key in reservation.ownerKeys { if let account = try await store.user(key: key) { owners.append(account.name) } }
            let covered = snapshot.packages.keys.sorted().compactMap { lower -> CoveredIDModel? in
                guard let id = snapshot.packages[lower]?.versions.last?.id, reservation.covers(id) else { return nil }
                return CoveredIDModel(id: id, verified: gallery.search.facts(ofLowerID: lower)?.verified ?? false)
            }
            models.append(ReservationModel(
                pattern: reservation.pattern, domID: String(index), isOpen: reservation.isOpen, owners: owners.sorted().joined(separator: ", "),
                covered: covered, csrf: csrf))
        }
        return render(AdminReservationsModel(
            layout: adminLayout("ID prefix reservations"), csrf: csrf, reservations: models, hasReservations: !models.isEmpty,
            message: message, error: error), "adminReservations")
    }
}
