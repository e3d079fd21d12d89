import Foundation

/// Turns an `X-NuGet-ApiKey` value into a principal and decides what its key allows.
///
/// Owners, scopes and globs are nuget.org's (seeds/nuget-faq.md, "scoped API keys"); organizations
/// and ID prefix reservations as on nuget.org's account pages. Every write surface (V3 and V2 push,
/// unlist, relist) goes through `authenticate` then `authorize`, so the rules hold identically everywhere.
public struct APIKeyAuthenticator: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock

    /// Creates an authenticator over a store.
    public init(store: any MetadataStore, clock: any GalleryClock) {
        self.store = store
        self.clock = clock
    }

    /// The principal of a key, or 401 when it is missing, unknown, revoked or expired, or when its user
    /// is gone or has left the organization the key acts for.
    public func authenticate(_ secret: String?) async throws -> Principal {
        guard let secret, !secret.isEmpty else {
            throw GalleryError.unauthorized("An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey).")
        }
        let hash = APIKeySecret.hash(secret)
        guard let key = try await store.apiKey(secretHash: hash), APIKeySecret.constantTimeEquals(key.secretHash, hash),
              !key.revoked else {
            throw GalleryError.unauthorized("The API key is invalid or has been revoked.")
        }
        if let expires = key.expires, expires <= clock.now() {
            throw GalleryError.unauthorized("The API key '\(key.name)' has expired; regenerate it.")
        }
        guard let user = try await store.user(key: key.userKey), !user.isDeleted, user.kind == .user else {
            throw GalleryError.unauthorized("The API key's account no longer exists.")
        }
        let organizations = Set(try await store.memberships(ofUser: user.key).map(\.organizationKey))
        guard key.ownerKey != user.key else {
            return Principal(user: user, apiKey: key, owner: user, actingAccountKeys: organizations.union([user.key]))
        }
        // A key made for an organization stops working the moment its user leaves it.
        guard organizations.contains(key.ownerKey), let owner = try await store.user(key: key.ownerKey), !owner.isDeleted else {
            throw GalleryError.unauthorized("The API key '\(key.name)' no longer works: its user is not a member of the organization it was made for.")
        }
        return Principal(user: user, apiKey: key, owner: owner, actingAccountKeys: [owner.key])
    }

    /// Checks scope, package selection, ownership and prefix reservations; throws 403 with the reason.
    public func authorize(_ principal: Principal, _ action: PackageAction, id: String, owners: [Int64]) async throws {
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
        if action == .pushNewID {
            // The most specific reservation decides; an open one lets everyone push (without the verified mark).
            if let reservation = PrefixReservation.deciding(try await store.reservations(), for: id), !reservation.isOpen,
               principal.actingAccountKeys.isDisjoint(with: reservation.ownerKeys) {
                throw GalleryError.forbidden(
                    "The package ID '\(id)' is reserved by the ID prefix reservation '\(reservation.pattern)'; only its owners may push new packages under it."
                )
            }
        } else if !principal.user.isSiteAdmin, principal.actingAccountKeys.isDisjoint(with: owners) {
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
