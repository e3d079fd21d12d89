public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func createUser(_ user: User, audit: [AuditEvent]) async throws -> User {
        try write { state in
            let lower = user.name.lowercased()
            guard !state.users.values.contains(where: { $0.name.lowercased() == lower }) else {
                throw StoreError.alreadyExists("users.lower_name")
            }
            var created = user
            created.key = state.nextUserKey
            state.nextUserKey += 1
            state.users[created.key] = created
            state.appendAudit(audit)
            return created
        }
    }

    public func user(named name: String) async throws -> User? {
        try read { state in
            let lower = name.lowercased()
            return state.users.values.first { $0.name.lowercased() == lower }
        }
    }

    public func user(key: Int64) async throws -> User? {
        try read { $0.users[key] }
    }

    public func updateUser(_ user: User) async throws {
        try await apply([.updateUser(user)])
    }

    public func createAPIKey(_ record: APIKeyRecord, audit: [AuditEvent]) async throws -> APIKeyRecord {
        try write { state in
            guard !state.apiKeys.values.contains(where: { $0.secretHash == record.secretHash }) else {
                throw StoreError.alreadyExists("api_keys.secret_hash")
            }
            try state.requireAccounts([record.userKey, record.ownerKey])
            var created = record
            created.key = state.nextAPIKey
            state.nextAPIKey += 1
            state.apiKeys[created.key] = created
            state.appendAudit(audit)
            return created
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try read { state in state.apiKeys.values.first { $0.secretHash == secretHash } }
    }

    public func apiKey(key: Int64) async throws -> APIKeyRecord? {
        try read { $0.apiKeys[key] }
    }

    public func apiKeys(involving accountKey: Int64) async throws -> [APIKeyRecord] {
        try read { state in
            state.apiKeys.values.filter { $0.userKey == accountKey || $0.ownerKey == accountKey }.sorted { $0.key < $1.key }
        }
    }

    public func updateAPIKey(_ record: APIKeyRecord) async throws {
        try await apply([.updateAPIKey(record)])
    }

    public func claimExpiryReminder(_ key: Int64) async throws -> Bool {
        try write { state in
            guard let record = state.apiKeys[key], !record.expiryReminderSent else { return false }
            state.apiKeys[key]?.expiryReminderSent = true
            return true
        }
    }

    public func apiKeysExpiring(from: Date, to: Date) async throws -> [APIKeyRecord] {
        try read { state in
            state.apiKeys.values.filter { record in
                guard !record.revoked, !record.expiryReminderSent, let expires = record.expires else { return false }
                return expires >= from && expires < to
            }.sorted { $0.key < $1.key }
        }
    }

    public func memberships(ofUser userKey: Int64) async throws -> [Membership] {
        try read { state in state.memberships.filter { $0.userKey == userKey }.sorted { $0.organizationKey < $1.organizationKey } }
    }

    public func members(ofOrganization organizationKey: Int64) async throws -> [Membership] {
        try read { state in state.memberships.filter { $0.organizationKey == organizationKey }.sorted { $0.userKey < $1.userKey } }
    }

    public func setMembership(_ membership: Membership) async throws {
        try await apply([.setMembership(membership)])
    }

    public func removeMembership(organizationKey: Int64, userKey: Int64) async throws {
        try await apply([.removeMembership(organizationKey: organizationKey, userKey: userKey)])
    }

    public func owners(ofLowerID lowerID: String) async throws -> [Int64] {
        try read { ($0.owners[lowerID] ?? []).sorted() }
    }

    public func allOwners() async throws -> [String: [Int64]] {
        try read { state in state.owners.filter { !$0.value.isEmpty }.mapValues { $0.sorted() } }
    }

    public func ownedLowerIDs(of accountKey: Int64) async throws -> [String] {
        try read { state in state.owners.filter { $0.value.contains(accountKey) }.keys.sorted() }
    }

    public func reservations() async throws -> [PrefixReservation] {
        try read { state in state.reservations.keys.sorted().compactMap { state.reservations[$0] } }
    }

    public func saveReservation(_ reservation: PrefixReservation) async throws {
        try await apply([.saveReservation(reservation)])
    }

    public func deleteReservation(lowerPattern: String) async throws -> Bool {
        try write { state in
            guard state.reservations[lowerPattern] != nil else { return false }
            state.reservations[lowerPattern] = nil
            return true
        }
    }

    /// All of the changes, or none: they are applied to a copy committed only when every one succeeded.
    public func apply(_ changes: [AccountChange]) async throws {
        let now = nowMicroseconds
        try write { state in
            for change in changes { try state.apply(change, now: now) }
        }
    }
}
