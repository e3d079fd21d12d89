public import Foundation

/// Accounts (users and organizations), memberships, API keys, package owners and prefix reservations.
///
/// Reads answer single questions; writes go through `apply`, one transaction for a list of changes the domain
/// decided (an ownership change with its dirty mark and audit event, a deletion with all its parts).
public protocol AccountStore: Sendable {
    /// Inserts the user with `audit` and returns it with its assigned key; a name taken in any casing throws `.alreadyExists`.
    func createUser(_ user: User, audit: [AuditEvent]) async throws -> User
    /// An account by name, in any casing.
    func user(named name: String) async throws -> User?
    /// An account by key.
    func user(key: Int64) async throws -> User?
    /// Rewrites an account's email, site-admin flag, kind and deleted mark (names never change).
    func updateUser(_ user: User) async throws
    /// Inserts the key record with `audit`; a reused secret hash throws `.alreadyExists`.
    func createAPIKey(_ record: APIKeyRecord, audit: [AuditEvent]) async throws -> APIKeyRecord
    /// The key whose secret hashes to `secretHash` (revoked and expired keys too; the caller judges).
    func apiKey(secretHash: String) async throws -> APIKeyRecord?
    /// One key by its numeric key, or nil.
    func apiKey(key: Int64) async throws -> APIKeyRecord?
    /// Keys created by, or acting for, an account (revoked ones too), oldest first.
    func apiKeys(involving accountKey: Int64) async throws -> [APIKeyRecord]
    /// Rewrites a key's hash, revoked flag, expiry and reminder mark.
    func updateAPIKey(_ record: APIKeyRecord) async throws
    /// Sets a key's reminder mark; true only for the caller that changed it (the reminder is mailed once).
    func claimExpiryReminder(_ key: Int64) async throws -> Bool
    /// Unrevoked keys expiring in `from..<to` whose reminder has not been sent.
    func apiKeysExpiring(from: Date, to: Date) async throws -> [APIKeyRecord]
    /// The organizations a user belongs to.
    func memberships(ofUser userKey: Int64) async throws -> [Membership]
    /// The members of an organization.
    func members(ofOrganization organizationKey: Int64) async throws -> [Membership]
    /// Adds a member or changes its role.
    func setMembership(_ membership: Membership) async throws
    /// Removes a membership (no-op when absent).
    func removeMembership(organizationKey: Int64, userKey: Int64) async throws
    /// Owner account keys (users or organizations) of a package id, ascending (empty for an unknown id).
    func owners(ofLowerID lowerID: String) async throws -> [Int64]
    /// Owner account keys of every id that has owners, each list ascending: one read for the
    /// start-up index load instead of one per id.
    func allOwners() async throws -> [String: [Int64]]
    /// The lower ids an account owns, ascending.
    func ownedLowerIDs(of accountKey: Int64) async throws -> [String]
    /// Every prefix reservation with its owners.
    func reservations() async throws -> [PrefixReservation]
    /// Creates or replaces the reservation with the same lower pattern.
    func saveReservation(_ reservation: PrefixReservation) async throws
    /// Deletes a reservation by lower pattern; false when there was none.
    func deleteReservation(lowerPattern: String) async throws -> Bool
    /// Applies every change in one transaction: all of them are committed, or none.
    func apply(_ changes: [AccountChange]) async throws
}

extension AccountStore {
    /// Inserts a user without an audit event (fixtures, migration tools).
    public func createUser(_ user: User) async throws -> User {
        try await createUser(user, audit: [])
    }

    /// Inserts a key without an audit event (fixtures, migration tools).
    public func createAPIKey(_ record: APIKeyRecord) async throws -> APIKeyRecord {
        try await createAPIKey(record, audit: [])
    }
}
