public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func recordSignInFailure(keys: [String], at date: Date, forgetBefore: Date) async throws {
        try await write { db in
            try await db.raw("DELETE FROM sign_in_failures WHERE failed_at < \(bind: StoreDate.microseconds(forgetBefore))").run()
            for key in keys {
                try await db.raw("""
                    INSERT INTO sign_in_failures (throttle_key, failed_at) VALUES (\(bind: key), \(bind: StoreDate.microseconds(date)))
                    """).run()
            }
        }
    }

    public func signInFailures(key: String, since: Date) async throws -> [Date] {
        try await read { db in
            try await db.raw("""
                SELECT failed_at FROM sign_in_failures
                WHERE throttle_key = \(bind: key) AND failed_at >= \(bind: StoreDate.microseconds(since)) ORDER BY failed_at
                """).all().map { StoreDate.date(try $0.decode(column: "failed_at", as: Int64.self)) }
        }
    }

    public func clearSignInFailures(key: String) async throws {
        try await write { db in
            try await db.raw("DELETE FROM sign_in_failures WHERE throttle_key = \(bind: key)").run()
        }
    }

    public func accountPreferences(userKey: Int64) async throws -> AccountPreferences? {
        try await read { db in
            try await db.raw("SELECT * FROM account_preferences WHERE user_key = \(bind: userKey)").first().map {
                AccountPreferences(
                    userKey: try $0.decode(column: "user_key", as: Int64.self),
                    allowsContact: try $0.decode(column: "allow_contact", as: Bool.self),
                    notifyOnPublish: try $0.decode(column: "notify_on_publish", as: Bool.self))
            }
        }
    }

    public func saveAccountPreferences(_ preferences: AccountPreferences, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("""
                INSERT INTO account_preferences (user_key, allow_contact, notify_on_publish)
                VALUES (\(bind: preferences.userKey), \(bind: preferences.allowsContact), \(bind: preferences.notifyOnPublish))
                ON CONFLICT (user_key)
                DO UPDATE SET allow_contact = excluded.allow_contact, notify_on_publish = excluded.notify_on_publish
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func savePendingEmailChange(_ change: PendingEmailChange, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("DELETE FROM pending_email_changes WHERE user_key = \(bind: change.userKey)").run()
            try await db.raw("""
                INSERT INTO pending_email_changes (token_hash, user_key, new_email, expires)
                VALUES (\(bind: change.tokenHash), \(bind: change.userKey), \(bind: change.newEmail),
                    \(bind: StoreDate.microseconds(change.expires)))
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func takePendingEmailChange(tokenHash: String) async throws -> PendingEmailChange? {
        try await write { db in
            let change = try await db.raw("SELECT * FROM pending_email_changes WHERE token_hash = \(bind: tokenHash)").first().map {
                PendingEmailChange(
                    tokenHash: try $0.decode(column: "token_hash", as: String.self),
                    userKey: try $0.decode(column: "user_key", as: Int64.self),
                    newEmail: try $0.decode(column: "new_email", as: String.self),
                    expires: StoreDate.date(try $0.decode(column: "expires", as: Int64.self)))
            }
            try await db.raw("DELETE FROM pending_email_changes WHERE token_hash = \(bind: tokenHash)").run()
            return change
        }
    }
}

extension SQLMetadataStore {
    public func savePendingTransform(_ transform: PendingTransform, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("DELETE FROM pending_transforms WHERE user_key = \(bind: transform.userKey)").run()
            try await db.raw("""
                INSERT INTO pending_transforms (token_hash, user_key, admin_key, expires)
                VALUES (\(bind: transform.tokenHash), \(bind: transform.userKey), \(bind: transform.adminKey),
                    \(bind: StoreDate.microseconds(transform.expires)))
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func pendingTransform(tokenHash: String) async throws -> PendingTransform? {
        try await read { db in try await Self.selectTransform(tokenHash, in: db) }
    }

    public func takePendingTransform(tokenHash: String) async throws -> PendingTransform? {
        try await write { db in
            let transform = try await Self.selectTransform(tokenHash, in: db)
            try await db.raw("DELETE FROM pending_transforms WHERE token_hash = \(bind: tokenHash)").run()
            return transform
        }
    }

    static func selectTransform(_ tokenHash: String, in db: any SQLDatabase) async throws -> PendingTransform? {
        try await db.raw("SELECT * FROM pending_transforms WHERE token_hash = \(bind: tokenHash)").first().map {
            PendingTransform(
                tokenHash: try $0.decode(column: "token_hash", as: String.self),
                userKey: try $0.decode(column: "user_key", as: Int64.self),
                adminKey: try $0.decode(column: "admin_key", as: Int64.self),
                expires: StoreDate.date(try $0.decode(column: "expires", as: Int64.self)))
        }
    }
}
