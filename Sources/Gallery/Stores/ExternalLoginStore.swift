public import Foundation

/// An OpenID Connect identity linked to an account: the issuer and the subject it names the person by.
public struct ExternalLogin: Sendable, Equatable {
    /// The provider's issuer URL, exactly as its ID tokens carry it in `iss`.
    public let issuer: String
    /// The `sub` claim: stable and unique per issuer.
    public let subject: String
    public let userKey: Int64
    /// The provider's display name when the login was linked ("Keycloak").
    public let providerName: String
    public let created: Date

    public init(issuer: String, subject: String, userKey: Int64, providerName: String, created: Date) {
        self.issuer = issuer
        self.subject = subject
        self.userKey = userKey
        self.providerName = providerName
        self.created = created
    }
}

/// A short-lived record of a sign-in in progress (an authorization request waiting for its callback, or an
/// identity waiting for its username). Kept in the metadata store so whichever node gets the callback finishes it.
public struct SignInFlow: Sendable, Equatable {
    /// SHA-256 of the random value the browser carries (`state`, or the choose-username token).
    public let tokenHash: String
    /// `authorize` or `register`.
    public let purpose: String
    /// The flow's facts as JSON (read back by the domain that wrote it).
    public let payload: String
    public let expires: Date

    public init(tokenHash: String, purpose: String, payload: String, expires: Date) {
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.payload = payload
        self.expires = expires
    }
}

/// External logins and sign-in flows in progress (schema step 9).
public protocol ExternalLoginStore: Sendable {
    /// The login for an (issuer, subject), or nil.
    func externalLogin(issuer: String, subject: String) async throws -> ExternalLogin?
    /// An account's logins, oldest first.
    func externalLogins(userKey: Int64) async throws -> [ExternalLogin]
    /// Links a login with `audit`, in one transaction. Throws `GalleryError.conflict` when the (issuer, subject)
    /// is linked already (to any account): `badRequest`.
    func addExternalLogin(_ login: ExternalLogin, audit: [AuditEvent]) async throws
    /// Unlinks an account's login with `audit`, in one transaction; false when it was not linked to that account.
    func removeExternalLogin(issuer: String, subject: String, userKey: Int64, audit: [AuditEvent]) async throws -> Bool
    /// Stores a flow and forgets flows that expired before `now`.
    func saveSignInFlow(_ flow: SignInFlow, now: Date) async throws
    /// Deletes and returns a flow (single use; expired ones too: the caller judges).
    func takeSignInFlow(tokenHash: String, purpose: String) async throws -> SignInFlow?
}
