public import Foundation

/// A user account (organizations and the full rules arrive with the identity work).
public struct User: Sendable, Equatable, Codable {
    /// Stable numeric key.
    public var key: Int64
    /// Username as typed at registration; unique case-insensitively.
    public var name: String
    public var email: String
    public var isSiteAdmin: Bool
    public var created: Date
    /// Creates a user; `key` is assigned by the store on insert.
    public init(key: Int64 = 0, name: String, email: String, isSiteAdmin: Bool = false, created: Date) {
        self.key = key
        self.name = name
        self.email = email
        self.isSiteAdmin = isSiteAdmin
        self.created = created
    }
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
    public var userKey: Int64
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
    /// Creates a record; `key` is assigned by the store.
    public init(
        key: Int64 = 0, userKey: Int64, name: String, secretHash: String, scopes: [APIKeyScope], globs: [String] = [],
        packageIDs: [String] = [], created: Date, expires: Date? = nil, revoked: Bool = false
    ) {
        self.key = key
        self.userKey = userKey
        self.name = name
        self.secretHash = secretHash
        self.scopes = scopes
        self.globs = globs
        self.packageIDs = packageIDs
        self.created = created
        self.expires = expires
        self.revoked = revoked
    }
}
