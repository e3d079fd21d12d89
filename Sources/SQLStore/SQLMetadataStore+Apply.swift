public import Gallery
import Foundation
import SQLKit

extension SQLMetadataStore {
    /// Applies every change in one write transaction, in order: all committed, or none (a failing statement
    /// rolls back the ones before it).
    public func apply(_ changes: [AccountChange]) async throws {
        guard !changes.isEmpty else { return }
        let dialect = self.dialect
        try await write { db in
            for change in changes {
                try await Self.apply(change, in: db, dialect: dialect)
            }
        }
    }

    /// One change inside the caller's write transaction.
    static func apply(_ change: AccountChange, in db: any SQLDatabase, dialect: SQLDialectFeatures) async throws {
        switch change {
        case .updateUser(let user):
            try await db.raw("""
                UPDATE users SET email = \(bind: user.email), is_site_admin = \(bind: user.isSiteAdmin),
                    kind = \(bind: user.kind.rawValue), deleted = \(bind: user.isDeleted)
                WHERE "key" = \(bind: user.key)
                """).run()
        case .setMembership(let membership):
            try await db.raw("""
                INSERT INTO organization_members (organization_key, user_key, role)
                VALUES (\(bind: membership.organizationKey), \(bind: membership.userKey), \(bind: membership.role.rawValue))
                ON CONFLICT (organization_key, user_key) DO UPDATE SET role = excluded.role
                """).run()
        case .removeMembership(let organizationKey, let userKey):
            try await db.raw("""
                DELETE FROM organization_members
                WHERE organization_key = \(bind: organizationKey) AND user_key = \(bind: userKey)
                """).run()
        case .updateAPIKey(let record):
            let encoder = JSONEncoder()
            let globs = String(decoding: try encoder.encode(record.globs), as: UTF8.self)
            let packageIDs = String(decoding: try encoder.encode(record.packageIDs), as: UTF8.self)
            try await db.raw("""
                UPDATE api_keys SET secret_hash = \(bind: record.secretHash), revoked = \(bind: record.revoked),
                    expires = \(bind: record.expires.map(StoreDate.microseconds)), created = \(bind: StoreDate.microseconds(record.created)),
                    expiry_reminder_sent = \(bind: record.expiryReminderSent), globs = \(bind: globs), package_ids = \(bind: packageIDs)
                WHERE "key" = \(bind: record.key)
                """).run()
        case .deleteAPIKey(let key):
            try await db.raw("""
                DELETE FROM api_keys WHERE "key" = \(bind: key)
                """).run()
        case .addOwner(let accountKey, let lowerID):
            try await insertOwner(accountKey, lowerID: lowerID, in: db)
        case .removeOwner(let accountKey, let lowerID):
            try await db.raw("""
                DELETE FROM package_owners WHERE lower_id = \(bind: lowerID) AND user_key = \(bind: accountKey)
                """).run()
        case .saveReservation(let reservation):
            let lower = reservation.lowerPattern
            try await db.raw("""
                INSERT INTO prefix_reservations (lower_pattern, pattern, is_open, created)
                VALUES (\(bind: lower), \(bind: reservation.pattern), \(bind: reservation.isOpen),
                    \(bind: StoreDate.microseconds(reservation.created)))
                ON CONFLICT (lower_pattern) DO UPDATE SET is_open = excluded.is_open
                """).run()
            try await db.raw("DELETE FROM prefix_reservation_owners WHERE lower_pattern = \(bind: lower)").run()
            for owner in Set(reservation.ownerKeys).sorted() {
                try await db.raw("""
                    INSERT INTO prefix_reservation_owners (lower_pattern, account_key) VALUES (\(bind: lower), \(bind: owner))
                    """).run()
            }
        case .deleteReservation(let lowerPattern):
            _ = try await deleteReservation(lowerPattern, in: db, dialect: dialect)
        case .saveOwnershipRequest, .deleteOwnershipRequest, .saveMembershipRequest, .deleteMembershipRequest:
            try await applyRequestChange(change, in: db)
        case .markDirty(let lowerIDs):
            try await markDirty(lowerIDs, in: db, dialect: dialect)
        case .audit(let event):
            try await appendAudit([event], in: db)
        }
    }

    /// Deletes a reservation and its owners inside the caller's transaction; false when there was none.
    static func deleteReservation(_ lowerPattern: String, in db: any SQLDatabase, dialect: SQLDialectFeatures) async throws -> Bool {
        // Lock first: a concurrent save then waits and recreates the row, instead of its new owners
        // turning this delete into a foreign-key error.
        try await db.raw("""
            SELECT lower_pattern FROM prefix_reservations WHERE lower_pattern = \(bind: lowerPattern)
            \(unsafeRaw: dialect.lockRowsForUpdate)
            """).run()
        try await db.raw("DELETE FROM prefix_reservation_owners WHERE lower_pattern = \(bind: lowerPattern)").run()
        let deleted = try await db.raw("""
            DELETE FROM prefix_reservations WHERE lower_pattern = \(bind: lowerPattern) RETURNING lower_pattern
            """).all()
        return !deleted.isEmpty
    }
}
