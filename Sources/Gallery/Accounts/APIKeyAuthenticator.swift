public import Foundation

/// Turns an `X-NuGet-ApiKey` value into a principal and decides what its key allows.
///
/// Owners, scopes and globs are nuget.org's (seeds/nuget-faq.md, "scoped API keys"). Organizations and
/// prefix reservations extend `authorize` in the identity work.
public struct APIKeyAuthenticator: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock

    /// Creates an authenticator over a store.
    public init(store: any MetadataStore, clock: any GalleryClock) {
        self.store = store
        self.clock = clock
    }

    /// The principal of a key, or 401 when it is missing, unknown, revoked or expired.
    public func authenticate(_ secret: String?) async throws -> Principal {
        guard let secret, !secret.isEmpty else {
            throw GalleryError.unauthorized("An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey).")
        }
        guard let key = try await store.apiKey(secretHash: APIKeySecret.hash(secret)), !key.revoked else {
            throw GalleryError.unauthorized("The API key is invalid or has been revoked.")
        }
        if let expires = key.expires, expires <= clock.now() {
            throw GalleryError.unauthorized("The API key '\(key.name)' has expired; regenerate it.")
        }
        guard let user = try await store.user(key: key.userKey) else {
            throw GalleryError.unauthorized("The API key's account no longer exists.")
        }
        return Principal(user: user, apiKey: key)
    }

    /// Checks scope, package selection and ownership; throws 403 with the reason.
    public func authorize(_ principal: Principal, _ action: PackageAction, id: String, owners: [Int64]) throws {
        let key = principal.apiKey
        switch action {
        case .pushNewID where !key.scopes.contains(.push):
            throw GalleryError.forbidden("The API key '\(key.name)' may not push new package IDs (it lacks the 'push' scope).")
        case .pushNewVersion where !key.scopes.contains(.push) && !key.scopes.contains(.pushVersions):
            throw GalleryError.forbidden("The API key '\(key.name)' may not push packages (it lacks a push scope).")
        case .unlist where !key.scopes.contains(.unlist):
            throw GalleryError.forbidden("The API key '\(key.name)' may not unlist or relist packages (it lacks the 'unlist' scope).")
        default: break
        }
        guard Self.selectionAllows(key, id: id) else {
            throw GalleryError.forbidden("The API key '\(key.name)' does not cover package '\(id)'.")
        }
        if action != .pushNewID, !principal.user.isSiteAdmin, !owners.contains(principal.user.key) {
            throw GalleryError.forbidden("You are not an owner of package '\(id)'.")
        }
    }

    /// Whether the key's explicit ids and globs select `id` (no selection = every package of the owner).
    static func selectionAllows(_ key: APIKeyRecord, id: String) -> Bool {
        if key.globs.isEmpty && key.packageIDs.isEmpty { return true }
        let lower = id.lowercased()
        if key.packageIDs.contains(where: { $0.lowercased() == lower }) { return true }
        return key.globs.contains { GlobPattern($0).matches(lower) }
    }
}
