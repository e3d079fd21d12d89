import Foundation

/// Turns an `X-NuGet-ApiKey` value into a principal.
///
/// Owners, scopes and globs are nuget.org's (seeds/nuget-faq.md, "scoped API keys"). Surfaces call this
/// from the request headers before reading a body, then hand the principal to the domain, which asks
/// `AuthorizationPolicy` (through `Authorizer`) whether the key may act.
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
        // Self-registered accounts push only after opening the confirmation link (accounts made by an admin
        // have no credentials row, or a confirmed one).
        if let credentials = try await store.credentials(userKey: user.key), !credentials.emailConfirmed {
            throw GalleryError.forbidden(
                "Confirm the email address of the account '\(user.name)' before using its API keys: open the link in the mail we sent.")
        }
        if try await store.accountFlags(userKey: user.key).isLocked {
            throw GalleryError.unauthorized("The account '\(user.name)' is locked; its API keys do not work. Contact the site administrators.")
        }
        let memberships = try await Authorizer(store: store).memberships(of: user)
        guard key.ownerKey != user.key else {
            return Principal(user: user, credential: Self.credential(key), owner: user, memberships: memberships)
        }
        // A key made for an organization stops working the moment its user leaves it.
        guard memberships[key.ownerKey] != nil, let owner = try await store.user(key: key.ownerKey), !owner.isDeleted else {
            throw GalleryError.unauthorized("The API key '\(key.name)' no longer works: its user is not a member of the organization it was made for.")
        }
        return Principal(user: user, credential: Self.credential(key), owner: owner, memberships: memberships)
    }

    /// Keys issued by the trusted-publishing exchange act as `.trustedPublishing` (audited as such).
    static func credential(_ key: APIKeyRecord) -> Principal.Credential {
        key.name.hasPrefix(TrustedPublishing.keyNamePrefix) ? .trustedPublishing(key) : .apiKey(key)
    }
}
