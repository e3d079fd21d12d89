public import Foundation
public import NuGetCore

extension GalleryAdministration {
    /// Deletes an account (user or organization) the way nuget.org does: revokes every key it created or that
    /// acts for it, removes it from every package's owners (packages left without owners stay available),
    /// from every organization, and from its prefix reservations; the row stays so the name is reserved
    /// forever in every casing. Refused when it is the last admin of an organization.
    /// All of it, with its audit entries, is one transaction.
    public func deleteAccount(name: String, by principal: Principal) async throws {
        var account = try await accounts.account(named: name)
        try authorizer.check(principal, .manageAccount(account))
        for membership in try await store.memberships(ofUser: account.key) where membership.role == .admin {
            let admins = try await store.members(ofOrganization: membership.organizationKey).filter { $0.role == .admin }
            if admins.count == 1, let organization = try await store.user(key: membership.organizationKey), !organization.isDeleted {
                throw GalleryError.badRequest("'\(account.name)' is the last admin of '\(organization.name)'; add another admin or delete the organization first.")
            }
        }
        let email = account.email
        var changes: [AccountChange] = []
        for var key in try await store.apiKeys(involving: account.key) where !key.revoked {
            key.revoked = true
            changes.append(.updateAPIKey(key))
            changes.append(audit.event(principal, "apikey.revoked", target: "apikey \(key.name) (key \(key.key))", details: "account \(account.name) deleted"))
        }
        let ownedIDs = try await store.ownedLowerIDs(of: account.key)
        for lowerID in ownedIDs {
            changes.append(.removeOwner(accountKey: account.key, lowerID: lowerID))
            changes.append(audit.event(principal, "owner.removed", target: "package \(lowerID)", details: "\(account.name) (account deleted)"))
        }
        for membership in try await store.memberships(ofUser: account.key) {
            changes.append(.removeMembership(organizationKey: membership.organizationKey, userKey: account.key))
        }
        if account.isOrganization {
            for member in try await store.members(ofOrganization: account.key) {
                changes.append(.removeMembership(organizationKey: account.key, userKey: member.userKey))
            }
        }
        let (reservationChanges, coveredIDs) = try await releasingReservations(of: account, by: principal)
        changes += reservationChanges
        account.isDeleted = true
        account.isSiteAdmin = false
        account.email = ""
        changes += [
            .updateUser(account),
            .markDirty(Array(Set(ownedIDs).union(coveredIDs)).sorted()),
            audit.event(principal, "account.deleted", target: "\(account.kind.rawValue) \(account.name)"),
        ]
        try await store.apply(changes)
        try await publish(Array(Set(ownedIDs).union(coveredIDs)))
        await notifier.accountDeleted(name: account.name, email: email)
    }

    /// Hard delete (site admins only, for policy violations): the version disappears from every read path and
    /// from search, a `PackageDelete` catalog entry is committed, its number is never reusable, and every owner
    /// is mailed with the reason.
    public func deletePackageVersion(_ id: PackageID, version: NuGetVersion, reason: String, by principal: Principal) async throws {
        // Site admins only: refuse before revealing whether the version exists.
        try authorizer.check(principal, .hardDelete(PackageTarget(id: id.original, ownerKeys: [])))
        let trimmedReason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = PackageVersionKey(lowerID: id.lowercased, lowerVersion: version.normalizedLowercased)
        guard let record = try await store.version(key), record.state == .available else {
            throw GalleryError.notFound("Package '\(id.original)' version '\(version.normalized)' was not found.")
        }
        guard !trimmedReason.isEmpty else { throw GalleryError.badRequest("A hard delete needs a reason.") }
        let event = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "package.deleted",
            target: "package \(record.id) \(record.normalizedVersion)", details: trimmedReason
        )
        guard try await changes.hardDelete(record, at: clock.now(), render: rendersChanges, audit: [event]) else {
            throw GalleryError.notFound("Package '\(id.original)' version '\(version.normalized)' was not found.")
        }
        try await notifier.packageDeleted(id: record.id, version: record.normalizedVersion, lowerID: record.lowerID, reason: trimmedReason)
    }

    /// The daily job: mails the user of every live key expiring within `window` (7 days, as nuget.org warns),
    /// once per key. Returns how many reminders were sent.
    @discardableResult
    public func remindExpiringKeys(window: TimeInterval = 7 * 86_400) async throws -> Int {
        let now = clock.now()
        var sent = 0
        for key in try await store.apiKeysExpiring(from: now, to: now.addingTimeInterval(window)) {
            guard let user = try await store.user(key: key.userKey), let expires = key.expires else { continue }
            // Claim first: with several nodes running this job, only the one that set the mark mails.
            guard try await store.claimExpiryReminder(key.key) else { continue }
            await notifier.keyExpiring(key, user: user, expires: expires)
            sent += 1
        }
        return sent
    }
}
