public import Foundation

/// What a person's web sign-in needs beyond the account: a password hash and whether the email is confirmed.
public struct UserCredentials: Sendable, Equatable {
    public let userKey: Int64
    /// A slow, salted hash (bcrypt); nil for an account without a local password (made before accounts could sign in).
    public var passwordHash: String?
    /// Whether the account's email address was confirmed (by mailed link, or by the admin who made it).
    public var emailConfirmed: Bool

    public init(userKey: Int64, passwordHash: String?, emailConfirmed: Bool) {
        self.userKey = userKey
        self.passwordHash = passwordHash
        self.emailConfirmed = emailConfirmed
    }
}

/// A web session. Only the hash of the session id is stored: a copy of the database signs nobody in.
public struct WebSessionRecord: Sendable, Equatable {
    /// SHA-256 of the id in the cookie, lowercase hex.
    public let idHash: String
    public let userKey: Int64
    /// The token every form posted in this session must carry.
    public let csrfToken: String
    public let created: Date
    public let expires: Date

    public init(idHash: String, userKey: Int64, csrfToken: String, created: Date, expires: Date) {
        self.idHash = idHash
        self.userKey = userKey
        self.csrfToken = csrfToken
        self.created = created
        self.expires = expires
    }
}

/// A single-use token mailed in a link (email confirmation, password reset): only its hash is stored.
public struct AccountToken: Sendable, Equatable {
    public let tokenHash: String
    public let userKey: Int64
    /// What the token allows: `confirm-email` or `reset-password`.
    public let purpose: String
    public let expires: Date

    public init(tokenHash: String, userKey: Int64, purpose: String, expires: Date) {
        self.tokenHash = tokenHash
        self.userKey = userKey
        self.purpose = purpose
        self.expires = expires
    }
}

/// Passwords, email confirmation and web sessions (schema step 8). Kept in the metadata store so any node
/// serves any request.
public protocol WebAccountStore: Sendable {
    /// An account's credentials, or nil when none were ever saved.
    func credentials(userKey: Int64) async throws -> UserCredentials?
    /// Creates or replaces an account's credentials, with `audit`, in one transaction.
    func saveCredentials(_ credentials: UserCredentials, audit: [AuditEvent]) async throws
    /// Live (not deleted) accounts whose email is `email`, compared case-insensitively.
    func users(withEmail email: String) async throws -> [User]
    /// Stores a new session with `audit`, in one transaction.
    func createWebSession(_ session: WebSessionRecord, audit: [AuditEvent]) async throws
    /// The session whose id hashes to `idHash` (expired ones too; the caller judges).
    func webSession(idHash: String) async throws -> WebSessionRecord?
    /// Deletes one session (no-op when absent), with `audit`, in one transaction.
    func deleteWebSession(idHash: String, audit: [AuditEvent]) async throws
    /// Deletes every session of an account (password change, account deletion).
    func deleteWebSessions(userKey: Int64) async throws
    /// Stores a mailed token, replacing the account's earlier tokens of the same purpose.
    func saveAccountToken(_ token: AccountToken) async throws
    /// Deletes the token and returns it when it exists with this purpose (expired ones too: the caller judges).
    func takeAccountToken(tokenHash: String, purpose: String) async throws -> AccountToken?
}
