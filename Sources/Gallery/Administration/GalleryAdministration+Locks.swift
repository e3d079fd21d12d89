public import Foundation
public import NuGetCore

extension GalleryAdministration {
    /// Locks (or unlocks) a package: while locked, no push, unlist, relist, deprecation or owner change
    /// succeeds (`AuthorizationPolicy` refuses with `packageLocked`) and its page says so. Site admins only.
    public func setPackageLocked(_ id: PackageID, locked: Bool, by principal: Principal) async throws {
        try authorizer.check(principal, .lockPackage(PackageTarget(id: id.original, ownerKeys: [])))
        guard let target = try await authorizer.package(id) else { throw GalleryError.notFound("There is no package \(id.original).") }
        try await store.setPackageLocked(
            lowerID: id.lowercased, locked: locked, at: clock.now(),
            audit: [audit.entry(principal, locked ? "package.locked" : "package.unlocked", target: "package \(target.id)")])
        try await publish([id.lowercased])
    }

    /// Locks (or unlocks) an account: a locked account cannot sign in (its sessions stop working) and its API
    /// keys are refused. Site admins only; a site admin cannot lock themselves out.
    public func setAccountLocked(name: String, locked: Bool, by principal: Principal) async throws {
        try authorizer.check(principal, .administerAccounts)
        let account = try await accounts.account(named: name)
        if locked, account.key == principal.user.key { throw GalleryError.badRequest("You cannot lock your own account.") }
        var flags = try await store.accountFlags(userKey: account.key)
        flags.isLocked = locked
        try await store.saveAccountFlags(flags, audit: [audit.entry(
            principal, locked ? "account.locked" : "account.unlocked", target: "\(account.kind.rawValue) \(account.name)")])
    }

    /// Unlists or relists many versions at once (the admin "Update listed" tool); each change is audited and
    /// committed on its own, as a client's unlist would be. Returns the versions changed.
    @discardableResult
    public func setListed(_ listed: Bool, versions: [(PackageID, NuGetVersion)], by principal: Principal, gallery: PackageGallery) async throws -> Int {
        try authorizer.check(principal, .administerAccounts)
        var changed = 0
        for (id, version) in versions {
            _ = try await gallery.setListed(listed, id: id, version: version, by: principal)
            changed += 1
        }
        return changed
    }

    /// The admin Delete tool: hard-deletes each version with the reason (one of the prohibited uses) and the
    /// admin's signature, which the audit entry and the owners' mail carry.
    public func deleteForPolicyViolation(
        _ id: PackageID, versions: [NuGetVersion], reason: String, signature: String, by principal: Principal
    ) async throws {
        try authorizer.check(principal, .hardDelete(PackageTarget(id: id.original, ownerKeys: [])))
        guard SupportReasons.prohibitedUse.contains(reason) else { throw GalleryError.badRequest("Choose a reason from the list.") }
        let signed = signature.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !signed.isEmpty, signed.count <= 1_000 else { throw GalleryError.badRequest("Sign the deletion (1000 characters at most).") }
        guard !versions.isEmpty else { throw GalleryError.badRequest("Tick at least one version to delete.") }
        for version in versions {
            try await deletePackageVersion(id, version: version, reason: "\(reason) (signed: \(signed))", by: principal)
        }
    }
}
