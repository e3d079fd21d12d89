import Foundation
import NuGetCore

extension AccountService {
    /// A new key and its secret (shown once; only its hash is stored).
    ///
    /// `ownerName` is the account the key acts for: the user (default) or an organization the user
    /// belongs to in any role (nuget.org lets every member create keys for the organization).
    /// A person creates keys for themselves; site admins and the admin command line for anyone.
    public func createAPIKey(
        userName: String, ownerName: String? = nil, name: String?, scopes: [APIKeyScope], globs: [String] = [],
        packageIDs: [String] = [], expiresInDays: Int = 365, by principal: Principal
    ) async throws -> (record: APIKeyRecord, secret: String) {
        let user = try await user(named: userName)
        var owner = user
        if let ownerName, ownerName.lowercased() != user.name.lowercased() {
            owner = try await organization(named: ownerName)
            guard try await store.members(ofOrganization: owner.key).contains(where: { $0.userKey == user.key }) else {
                throw GalleryError.forbidden("'\(user.name)' is not a member of the organization '\(owner.name)'.")
            }
        }
        try authorizer.check(principal, .manageAPIKeys(owner: owner, creator: user))
        guard (1...365).contains(expiresInDays) else {
            throw GalleryError.badRequest("An API key expires after 1 to 365 days, not \(expiresInDays).")
        }
        guard !scopes.isEmpty else { throw GalleryError.badRequest("An API key needs at least one scope.") }
        for glob in globs where glob.isEmpty || !glob.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-*".contains($0)) }) {
            throw GalleryError.badRequest("'\(glob)' is not a valid package ID pattern: use letters, digits, '.', '-', '_' and '*'.")
        }
        for id in packageIDs where (try? PackageID(validating: id)) == nil {
            throw GalleryError.badRequest("'\(id)' is not a valid package ID.")
        }
        let now = clock.now()
        let keyName = name ?? "key-\(UUID().uuidString.prefix(8).lowercased())"
        if try await store.apiKeys(involving: user.key).contains(where: { $0.userKey == user.key && !$0.revoked && $0.name == keyName }) {
            throw GalleryError.badRequest("'\(user.name)' already has an API key named '\(keyName)'.")
        }
        let secret = APIKeySecret.generate()
        let sortedScopes = Array(Set(scopes)).sorted { $0.rawValue < $1.rawValue }
        let event = audit.entry(
            principal, "apikey.created", target: "apikey \(user.name)/\(keyName)",
            details: "owner \(owner.name); scopes \(sortedScopes.map(\.rawValue).joined(separator: ",")); "
                + "globs \(globs.joined(separator: ",")); ids \(packageIDs.joined(separator: ",")); \(expiresInDays) days"
        )
        let record = try await store.createAPIKey(APIKeyRecord(
            userKey: user.key, ownerKey: owner.key, name: keyName, secretHash: APIKeySecret.hash(secret),
            scopes: sortedScopes, globs: globs, packageIDs: packageIDs,
            created: now, expires: now.addingTimeInterval(TimeInterval(expiresInDays) * 86_400)
        ), audit: [event])
        return (record, secret)
    }

    /// Every key the user created or that acts for the user, revoked ones included (the user and site admins).
    public func apiKeys(userName: String, by principal: Principal) async throws -> [APIKeyRecord] {
        let account = try await account(named: userName)
        try authorizer.check(principal, .manageAPIKeys(owner: account, creator: account))
        return try await store.apiKeys(involving: account.key)
    }

    /// Checks that `principal` may manage `key` (its creator acting for its owner, or a site admin).
    func checkManage(_ key: APIKeyRecord, by principal: Principal) async throws {
        guard let creator = try await store.user(key: key.userKey), let owner = try await store.user(key: key.ownerKey) else {
            throw GalleryError.notFound("The API key '\(key.name)' has no account.")
        }
        try authorizer.check(principal, .manageAPIKeys(owner: owner, creator: creator))
    }

    /// The user's live key with this name (or numeric key).
    func apiKey(userName: String, keyName: String) async throws -> APIKeyRecord {
        let user = try await account(named: userName)
        let keys = try await store.apiKeys(involving: user.key).filter { $0.userKey == user.key }
        guard let key = keys.last(where: { $0.name == keyName && !$0.revoked })
            ?? keys.first(where: { String($0.key) == keyName }) else {
            throw GalleryError.notFound("'\(user.name)' has no API key '\(keyName)'.")
        }
        return key
    }

    /// Revokes a key: it fails with 401 from the next request on. Revoking twice is harmless.
    @discardableResult
    public func revokeAPIKey(userName: String, keyName: String, by principal: Principal) async throws -> APIKeyRecord {
        var key = try await apiKey(userName: userName, keyName: keyName)
        try await checkManage(key, by: principal)
        guard !key.revoked else { return key }
        key.revoked = true
        try await store.apply([.updateAPIKey(key), audit.event(principal, "apikey.revoked", target: "apikey \(userName)/\(key.name)")])
        return key
    }

    /// A new secret for a key: same name, scopes and selection, the old secret dead at once, and a new expiry
    /// as long as the original one (nuget.org's "Regenerate").
    public func regenerateAPIKey(userName: String, keyName: String, by principal: Principal) async throws -> (record: APIKeyRecord, secret: String) {
        var key = try await apiKey(userName: userName, keyName: keyName)
        try await checkManage(key, by: principal)
        guard !key.revoked else { throw GalleryError.badRequest("The API key '\(key.name)' is revoked and cannot be regenerated.") }
        let lifetime = key.expires.map { $0.timeIntervalSince(key.created) } ?? 365 * 86_400
        let secret = APIKeySecret.generate()
        let now = clock.now()
        key.secretHash = APIKeySecret.hash(secret)
        key.created = now
        key.expires = now.addingTimeInterval(lifetime)
        key.expiryReminderSent = false
        try await store.apply([.updateAPIKey(key), audit.event(principal, "apikey.regenerated", target: "apikey \(userName)/\(key.name)")])
        return (key, secret)
    }
}

extension AccountService {
    /// Replaces a key's package selection (globs and ids), nuget.org's "Edit": name, owner, scopes and expiry stay.
    /// A selection that is empty on both sides means every package of the owner, as at creation.
    @discardableResult
    public func editAPIKeySelection(
        userName: String, keyName: String, globs: [String], packageIDs: [String], by principal: Principal
    ) async throws -> APIKeyRecord {
        var key = try await apiKey(userName: userName, keyName: keyName)
        try await checkManage(key, by: principal)
        guard !key.revoked else { throw GalleryError.badRequest("The API key '\(key.name)' is revoked and cannot be edited.") }
        for glob in globs where glob.isEmpty || !glob.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-*".contains($0)) }) {
            throw GalleryError.badRequest("'\(glob)' is not a valid package ID pattern: use letters, digits, '.', '-', '_' and '*'.")
        }
        for id in packageIDs where (try? PackageID(validating: id)) == nil {
            throw GalleryError.badRequest("'\(id)' is not a valid package ID.")
        }
        key.globs = globs
        key.packageIDs = packageIDs
        try await store.apply([
            .updateAPIKey(key),
            audit.event(principal, "apikey.edited", target: "apikey \(userName)/\(key.name)",
                        details: "globs \(globs.joined(separator: ",")); ids \(packageIDs.joined(separator: ","))"),
        ])
        return key
    }

    /// Deletes a key and its record (revoking keeps a revoked record in the list; deleting removes it).
    public func deleteAPIKey(userName: String, keyName: String, by principal: Principal) async throws {
        let key = try await apiKey(userName: userName, keyName: keyName)
        try await checkManage(key, by: principal)
        try await store.apply([.deleteAPIKey(key: key.key), audit.event(principal, "apikey.deleted", target: "apikey \(userName)/\(key.name)")])
    }
}
