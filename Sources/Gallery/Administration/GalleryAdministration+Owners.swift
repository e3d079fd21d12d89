import Foundation
import NuGetCore

extension GalleryAdministration {
    /// Makes an account (user or organization) an owner of a package id; the owners are mailed.
    /// Adding an existing owner changes nothing.
    public func addOwner(id: String, accountName: String, actor: String = AuditLog.adminCLI) async throws {
        let (displayID, lowerID) = try await knownPackage(id)
        let account = try await accounts.account(named: accountName)
        guard !(try await store.owners(ofLowerID: lowerID)).contains(account.key) else { return }
        try await store.apply([
            .addOwner(accountKey: account.key, lowerID: lowerID), .markDirty([lowerID]),
            .audit(AuditEvent(time: clock.now(), actor: actor, action: "owner.added", target: "package \(displayID)", details: account.name)),
        ])
        try await publish([lowerID])
        try await notifier.ownerAdded(account, id: displayID, lowerID: lowerID)
    }

    /// Removes an owner. The last owner stays unless `allowLastOwner` (a site admin's explicit decision);
    /// a package without owners stays available and a site admin can assign it later.
    public func removeOwner(id: String, accountName: String, allowLastOwner: Bool = false, actor: String = AuditLog.adminCLI) async throws {
        let (displayID, lowerID) = try await knownPackage(id)
        guard let account = try await store.user(named: accountName) else {
            throw GalleryError.notFound("There is no account '\(accountName)'.")
        }
        let owners = try await store.owners(ofLowerID: lowerID)
        guard owners.contains(account.key) else {
            throw GalleryError.notFound("'\(account.name)' is not an owner of '\(displayID)'.")
        }
        guard owners.count > 1 || allowLastOwner else {
            throw GalleryError.badRequest("'\(account.name)' is the last owner of '\(displayID)'; only a site admin may remove it (--force).")
        }
        try await store.apply([
            .removeOwner(accountKey: account.key, lowerID: lowerID), .markDirty([lowerID]),
            .audit(AuditEvent(time: clock.now(), actor: actor, action: "owner.removed", target: "package \(displayID)", details: account.name)),
        ])
        try await publish([lowerID])
        try await notifier.ownerRemoved(account, id: displayID, lowerID: lowerID)
    }

    /// The owners of a package id, as accounts.
    public func owners(id: String) async throws -> [User] {
        let (_, lowerID) = try await knownPackage(id)
        var owners: [User] = []
        for key in try await store.owners(ofLowerID: lowerID) {
            if let account = try await store.user(key: key) { owners.append(account) }
        }
        return owners
    }

    /// The id as first pushed and its lower form; 404 when no version was ever pushed.
    func knownPackage(_ id: String) async throws -> (id: String, lowerID: String) {
        guard let packageID = try? PackageID(validating: id) else {
            throw GalleryError.badRequest("'\(id)' is not a valid package ID.")
        }
        let lowerID = packageID.lowercased
        let versions = try await store.versions(ofLowerID: lowerID)
        let owners = try await store.owners(ofLowerID: lowerID)
        guard !versions.isEmpty || !owners.isEmpty else {
            throw GalleryError.notFound("There is no package '\(id)'.")
        }
        return (versions.first?.id ?? id, lowerID)
    }
}
