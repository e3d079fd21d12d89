import Foundation
public import NuGetCore

extension GalleryAdministration {
    /// Makes an account (user or organization) an owner of a package id; the owners are mailed.
    /// Adding an existing owner changes nothing. Needs the right to manage the package's owners.
    public func addOwner(_ id: PackageID, accountName: String, by principal: Principal) async throws {
        let target = try await knownPackage(id)
        try authorizer.check(principal, .manageOwners(target))
        let account = try await accounts.account(named: accountName)
        guard !target.ownerKeys.contains(account.key) else { return }
        try await store.apply([
            .addOwner(accountKey: account.key, lowerID: id.lowercased),
            .markDirty([id.lowercased]),
            audit.event(principal, "owner.added", target: "package \(target.id)", details: account.name),
        ])
        try await publish([id.lowercased])
        try await notifier.ownerAdded(account, id: target.id, lowerID: id.lowercased)
    }

    /// Removes an owner. The last owner stays unless a site admin passes `allowLastOwner`; a package without
    /// owners stays available and a site admin can assign it later.
    public func removeOwner(_ id: PackageID, accountName: String, allowLastOwner: Bool = false, by principal: Principal) async throws {
        let target = try await knownPackage(id)
        try authorizer.check(principal, .manageOwners(target))
        guard let account = try await store.user(named: accountName) else {
            throw GalleryError.notFound("There is no account '\(accountName)'.")
        }
        guard target.ownerKeys.contains(account.key) else {
            throw GalleryError.notFound("'\(account.name)' is not an owner of '\(target.id)'.")
        }
        guard target.ownerKeys.count > 1 || (allowLastOwner && principal.isSiteAdmin) else {
            throw GalleryError.badRequest("'\(account.name)' is the last owner of '\(target.id)'; only a site admin may remove it (--force).")
        }
        try await store.apply([
            .removeOwner(accountKey: account.key, lowerID: id.lowercased),
            .markDirty([id.lowercased]),
            audit.event(principal, "owner.removed", target: "package \(target.id)", details: account.name),
        ])
        try await publish([id.lowercased])
        try await notifier.ownerRemoved(account, id: target.id, lowerID: id.lowercased)
    }

    /// The owners of a package id, as accounts (public knowledge: package pages show them).
    public func owners(_ id: PackageID) async throws -> [User] {
        let target = try await knownPackage(id)
        var owners: [User] = []
        for key in target.ownerKeys.sorted() {
            if let account = try await store.user(key: key) { owners.append(account) }
        }
        return owners
    }

    /// The package's facts for authorization; 404 when no version was ever pushed and nobody owns it.
    func knownPackage(_ id: PackageID) async throws -> PackageTarget {
        guard let target = try await authorizer.package(id) else {
            throw GalleryError.notFound("There is no package '\(id.original)'.")
        }
        return target
    }
}
