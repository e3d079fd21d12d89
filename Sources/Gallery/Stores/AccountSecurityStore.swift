public import Foundation

/// A person's notification choices on `/account` (gallery.md §1.6). Both default to on, as on nuget.org.
public struct AccountPreferences: Sendable, Equatable {
    public let userKey: Int64
    /// "Allow others to contact me": the package page's Contact owners form may mail this account.
    public var allowsContact: Bool
    /// "Notify me when a package is published to my account".
    public var notifyOnPublish: Bool

    public init(userKey: Int64, allowsContact: Bool = true, notifyOnPublish: Bool = true) {
        self.userKey = userKey
        self.allowsContact = allowsContact
        self.notifyOnPublish = notifyOnPublish
    }
}

/// A new email address waiting for its mailed link to be opened. Only the link token's hash is stored.
public struct PendingEmailChange: Sendable, Equatable {
    public let tokenHash: String
    public let userKey: Int64
    public let newEmail: String
    public let expires: Date

    public init(tokenHash: String, userKey: Int64, newEmail: String, expires: Date) {
        self.tokenHash = tokenHash
        self.userKey = userKey
        self.newEmail = newEmail
        self.expires = expires
    }
}

/// A request to turn a user into an organization, waiting for the named admin to accept by mailed link.
public struct PendingTransform: Sendable, Equatable {
    public let tokenHash: String
    /// The account to transform.
    public let userKey: Int64
    /// The user who will administer the organization.
    public let adminKey: Int64
    public let expires: Date

    public init(tokenHash: String, userKey: Int64, adminKey: Int64, expires: Date) {
        self.tokenHash = tokenHash
        self.userKey = userKey
        self.adminKey = adminKey
        self.expires = expires
    }
}

/// Sign-in failures (so every node throttles alike), notification preferences and pending email changes
/// and transform requests (schema step 9).
public protocol AccountSecurityStore: Sendable {
    /// Records one failed sign-in under each key (`account:NAME`, `address:IP`) and forgets failures older than
    /// `forgetBefore` (they no longer count), in one transaction.
    func recordSignInFailure(keys: [String], at date: Date, forgetBefore: Date) async throws
    /// The failures of a key at or after `since`, oldest first.
    func signInFailures(key: String, since: Date) async throws -> [Date]
    /// Forgets a key's failures (a successful sign-in, a password reset).
    func clearSignInFailures(key: String) async throws
    /// An account's preferences, or nil when it never saved any (the defaults apply).
    func accountPreferences(userKey: Int64) async throws -> AccountPreferences?
    /// Creates or replaces an account's preferences, with `audit`, in one transaction.
    func saveAccountPreferences(_ preferences: AccountPreferences, audit: [AuditEvent]) async throws
    /// Stores a pending email change with `audit`, replacing the account's earlier one, in one transaction.
    func savePendingEmailChange(_ change: PendingEmailChange, audit: [AuditEvent]) async throws
    /// Deletes and returns the pending change whose link token hashes to `tokenHash` (expired ones too).
    func takePendingEmailChange(tokenHash: String) async throws -> PendingEmailChange?
    /// Stores a transform request with `audit`, replacing the account's earlier one, in one transaction.
    func savePendingTransform(_ transform: PendingTransform, audit: [AuditEvent]) async throws
    /// The transform request whose link token hashes to `tokenHash` (expired ones too), without taking it.
    func pendingTransform(tokenHash: String) async throws -> PendingTransform?
    /// Deletes and returns a transform request (single use).
    func takePendingTransform(tokenHash: String) async throws -> PendingTransform?
}
