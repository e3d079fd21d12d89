import NuGetCore

/// The one place that decides "may this principal do this action to this target".
///
/// Pure: it looks only at the principal and the facts carried by the action, so every rule is a row in a
/// table test. The rules are nuget.org's (NuGetGallery's `ActionsRequiringPermissions`): an action needs an
/// account the principal may act for (the user itself, or an organization it belongs to — as an admin
/// for owner management) and that account must own the package; site admins may act on any package but
/// are bound by prefix reservations like everyone else. API keys act on packages only and within their
/// scopes and package selection.
public struct AuthorizationPolicy: Sendable {
    /// Creates the policy.
    public init() {}

    /// Returns when `principal` may do `action`; throws the refusal otherwise.
    public func check(_ principal: Principal, _ action: GalleryAction) throws(GalleryError) {
        if let key = principal.apiKey {
            try checkKey(key, action)
        }
        switch action {
        case .pushNewPackage(let id, let reservation):
            // The most specific reservation decides; an open one lets everyone push (without the verified mark).
            if let reservation, !reservation.isOpen, principal.actingAccountKeys.isDisjoint(with: reservation.ownerKeys) {
                throw .prefixReserved(id: id.original, prefix: reservation.pattern)
            }
        case .pushVersion(let target), .setListed(let target), .deprecate(let target):
            try checkUnlocked(target)
            try checkOwner(principal, target, acting: principal.actingAccountKeys)
        case .manageOwners(let target):
            try checkUnlocked(target)
            if !principal.isSiteAdmin, principal.administeredAccountKeys.isDisjoint(with: target.ownerKeys),
               !principal.actingAccountKeys.isDisjoint(with: target.ownerKeys) {
                throw .forbidden("Collaborators cannot manage the owners of '\(target.id)': ask an admin of the owning organization.")
            }
            try checkOwner(principal, target, acting: principal.administeredAccountKeys)
        case .manageMembers(let organization):
            guard principal.isSiteAdmin || principal.memberships[organization.key] == .admin else {
                throw .forbidden("Only admins of '\(organization.name)' may manage its members.")
            }
        case .manageAPIKeys(let owner, let creator):
            guard principal.isSiteAdmin
                || (creator.key == principal.user.key && (owner.key == creator.key || principal.memberships[owner.key] != nil)) else {
                throw .forbidden("You may manage only your own API keys, for yourself or an organization you belong to.")
            }
        case .manageAccount(let account):
            guard principal.isSiteAdmin || account.key == principal.user.key
                || (account.isOrganization && principal.memberships[account.key] == .admin) else {
                throw .forbidden("You may not manage the account '\(account.name)'.")
            }
        case .reservePrefixes, .lockPackage, .hardDelete, .administerAccounts, .manageAdvisories:
            guard principal.isSiteAdmin else { throw .siteAdminRequired(action: action.phrase) }
        }
    }

    /// API keys: package actions only, within the key's scopes and package selection.
    private func checkKey(_ key: APIKeyRecord, _ action: GalleryAction) throws(GalleryError) {
        let id: String
        switch action {
        case .pushNewPackage(let packageID, _):
            guard key.scopes.contains(.push) else { throw .missingScope(keyName: key.name, .pushNewPackage) }
            id = packageID.original
        case .pushVersion(let target):
            guard key.scopes.contains(.push) || key.scopes.contains(.pushVersions) else {
                throw .missingScope(keyName: key.name, .pushVersion)
            }
            id = target.id
        case .setListed(let target), .deprecate(let target):
            guard key.scopes.contains(.unlist) else { throw .missingScope(keyName: key.name, .unlist) }
            id = target.id
        default:
            throw .notWithAPIKey(action: action.phrase)
        }
        guard Self.selectionAllows(key, id: id) else { throw .outsideKeySelection(keyName: key.name, id: id) }
    }

    private func checkUnlocked(_ target: PackageTarget) throws(GalleryError) {
        if target.isLocked { throw .packageLocked(id: target.id) }
    }

    private func checkOwner(_ principal: Principal, _ target: PackageTarget, acting: Set<Int64>) throws(GalleryError) {
        if principal.isSiteAdmin || !acting.isDisjoint(with: target.ownerKeys) { return }
        throw .notOwner(id: target.id)
    }

    /// Whether the key's explicit ids and globs select `id` (no selection = every package of the owner).
    static func selectionAllows(_ key: APIKeyRecord, id: String) -> Bool {
        if key.globs.isEmpty && key.packageIDs.isEmpty { return true }
        let lower = id.lowercased()
        if key.packageIDs.contains(where: { $0.lowercased() == lower }) { return true }
        return key.globs.contains { GlobPattern($0).matches(lower) }
    }
}
