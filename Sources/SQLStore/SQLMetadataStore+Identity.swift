public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Names never change: only email, site-admin flag, kind and the deleted mark are written.
    public func updateUser(_ user: User) async throws {
        try await apply([.updateUser(user)])
    }

    /// The organizations a user belongs to, by organization key.
    public func memberships(ofUser userKey: Int64) async throws -> [Membership] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM organization_members WHERE user_key = \(bind: userKey) ORDER BY organization_key
                """).all().map(Self.decodeMembership)
        }
    }

    /// The members of an organization, by user key.
    public func members(ofOrganization organizationKey: Int64) async throws -> [Membership] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM organization_members WHERE organization_key = \(bind: organizationKey) ORDER BY user_key
                """).all().map(Self.decodeMembership)
        }
    }

    /// Inserts the membership or updates its role.
    public func setMembership(_ membership: Membership) async throws {
        try await apply([.setMembership(membership)])
    }

    /// Deletes the membership row, if any.
    public func removeMembership(organizationKey: Int64, userKey: Int64) async throws {
        try await apply([.removeMembership(organizationKey: organizationKey, userKey: userKey)])
    }

    /// One key by its numeric key.
    public func apiKey(key: Int64) async throws -> APIKeyRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM api_keys WHERE \"key\" = \(bind: key)").first().map(Self.decodeAPIKey)
        }
    }

    /// Keys created by the account or acting for it, oldest first.
    public func apiKeys(involving accountKey: Int64) async throws -> [APIKeyRecord] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM api_keys WHERE user_key = \(bind: accountKey) OR owner_key = \(bind: accountKey) ORDER BY "key"
                """).all().map(Self.decodeAPIKey)
        }
    }

    /// Rewrites the mutable fields of a key (secret hash on regeneration, revocation, expiry, reminder mark).
    public func updateAPIKey(_ record: APIKeyRecord) async throws {
        try await apply([.updateAPIKey(record)])
    }

    /// Sets the reminder mark of a key unless it is already set; true for the one caller that set it, so
    /// a reminder is mailed once even when several nodes run the daily job at the same time.
    public func claimExpiryReminder(_ key: Int64) async throws -> Bool {
        try await write { db in
            try await db.raw("""
                UPDATE api_keys SET expiry_reminder_sent = \(bind: true)
                WHERE "key" = \(bind: key) AND expiry_reminder_sent = \(bind: false)
                RETURNING "key"
                """).first() != nil
        }
    }

    /// Live keys whose expiry falls in `from..<to` and that have not been reminded yet.
    public func apiKeysExpiring(from: Date, to: Date) async throws -> [APIKeyRecord] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM api_keys
                WHERE revoked = \(bind: false) AND expiry_reminder_sent = \(bind: false)
                    AND expires >= \(bind: StoreDate.microseconds(from)) AND expires < \(bind: StoreDate.microseconds(to))
                ORDER BY "key"
                """).all().map(Self.decodeAPIKey)
        }
    }

    /// Lower ids owned by the account, ascending.
    public func ownedLowerIDs(of accountKey: Int64) async throws -> [String] {
        try await read { db in
            try await db.raw("SELECT lower_id FROM package_owners WHERE user_key = \(bind: accountKey) ORDER BY lower_id")
                .all().map { try $0.decode(column: "lower_id", as: String.self) }
        }
    }

    private static func decodeMembership(_ row: any SQLRow) throws -> Membership {
        Membership(
            organizationKey: try row.decode(column: "organization_key", as: Int64.self),
            userKey: try row.decode(column: "user_key", as: Int64.self),
            // An unknown role (from a newer Pallet) gets the lesser rights.
            role: OrganizationRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .collaborator
        )
    }
}
