public import Foundation

/// Whether an account is a person or an organization (nuget.org: organizations cannot sign in;
/// people act for them as admins or collaborators).
public enum AccountKind: String, Sendable, Codable, CaseIterable {
    case user
    case organization
}

/// An account: a user or an organization. Both share one name space, so an organization's name
/// is as unique (in every casing) as a user's, and both can own packages and prefix reservations.
public struct User: Sendable, Equatable, Codable {
    /// Stable numeric key.
    public var key: Int64
    /// Username as typed at registration; unique case-insensitively, never renamed.
    public var name: String
    /// Where notifications go (empty once the account is deleted).
    public var email: String
    /// Site admins may act on every package and run administrative actions.
    public var isSiteAdmin: Bool
    public var created: Date
    /// A person, or an organization (which cannot hold API keys of its own or sign in).
    public var kind: AccountKind
    /// A deleted account keeps its row so its name stays reserved in every casing, forever.
    public var isDeleted: Bool

    /// Creates an account; `key` is assigned by the store on insert.
    public init(
        key: Int64 = 0, name: String, email: String, isSiteAdmin: Bool = false, created: Date,
        kind: AccountKind = .user, isDeleted: Bool = false
    ) {
        self.key = key
        self.name = name
        self.email = email
        self.isSiteAdmin = isSiteAdmin
        self.created = created
        self.kind = kind
        self.isDeleted = isDeleted
    }

    /// Whether this is an organization.
    public var isOrganization: Bool { kind == .organization }
}

/// What an API key may do (nuget.org's scopes).
public enum APIKeyScope: String, Sendable, Codable, CaseIterable {
    /// Push new package ids and new versions.
    case push
    /// Push new versions of existing packages only.
    case pushVersions = "push-versions"
    /// Unlist and relist.
    case unlist
}

/// An API key as stored: never the secret, only its SHA-256.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    public var key: Int64
    /// The user who created the key and acts through it.
    public var userKey: Int64
    /// The account the key acts for: the user, or an organization the user belongs to (nuget.org's "package owner").
    public var ownerKey: Int64
    public var name: String
    /// Hex SHA-256 of the secret.
    public var secretHash: String
    public var scopes: [APIKeyScope]
    /// Glob patterns (`Contoso.*`) selecting package ids; empty with `packageIDs` empty = all of the owner's.
    public var globs: [String]
    public var packageIDs: [String]
    public var created: Date
    public var expires: Date?
    public var revoked: Bool
    /// Set once the "expires soon" mail went out, so the daily job mails once per key.
    public var expiryReminderSent: Bool

    /// Creates a record; `key` is assigned by the store. `ownerKey` defaults to the user.
    public init(
        key: Int64 = 0, userKey: Int64, ownerKey: Int64? = nil, name: String, secretHash: String, scopes: [APIKeyScope],
        globs: [String] = [], packageIDs: [String] = [], created: Date, expires: Date? = nil, revoked: Bool = false,
        expiryReminderSent: Bool = false
    ) {
        self.key = key
        self.userKey = userKey
        self.ownerKey = ownerKey ?? userKey
        self.name = name
        self.secretHash = secretHash
        self.scopes = scopes
        self.globs = globs
        self.packageIDs = packageIDs
        self.created = created
        self.expires = expires
        self.revoked = revoked
        self.expiryReminderSent = expiryReminderSent
    }
}
