import Foundation

extension GalleryAdministration {
    /// Creates an API key (`AccountService.createAPIKey`'s rules) and mails its user "API key added", as
    /// nuget.org does, so a key made without the person's knowledge does not go unnoticed. The web page and
    /// `pallet admin create-key` both come through here.
    public func createAPIKey(
        userName: String, ownerName: String? = nil, name: String?, scopes: [APIKeyScope], globs: [String] = [],
        packageIDs: [String] = [], expiresInDays: Int = 365, by principal: Principal
    ) async throws -> (record: APIKeyRecord, secret: String) {
        let created = try await accounts.createAPIKey(
            userName: userName, ownerName: ownerName, name: name, scopes: scopes, globs: globs, packageIDs: packageIDs,
            expiresInDays: expiresInDays, by: principal)
        if let user = try await store.user(key: created.record.userKey) {
            await notifier.apiKeyAdded(created.record, user: user)
        }
        return created
    }
}

extension GalleryNotifier {
    /// To the key's user: a key was added to their account (never the secret).
    func apiKeyAdded(_ key: APIKeyRecord, user: User) async {
        let expires = key.expires.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
        await deliver(
            to: user.isDeleted || user.email.isEmpty ? [] : [user.email],
            subject: "[Pallet] API key added: \(key.name)",
            body: """
                An API key named '\(key.name)' was added to your account '\(user.name)'.
                Scopes: \(key.scopes.map(\.rawValue).joined(separator: ", ")). Expires: \(expires).

                If you did not create it, revoke it on the API Keys page and change your password.

                """
        )
    }
}
