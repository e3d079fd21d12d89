public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func createSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws -> SupportRequest {
        let comments = try Self.commentsJSON(request.comments)
        return try await write { db in
            let key = try await db.raw("""
                INSERT INTO support_requests (kind, package_id, lower_id, version, reason, details, reporter_key, reporter_email,
                    contacted_owner, status, assignee_key, comments_json, resolution, created, updated)
                VALUES (\(bind: request.kind.rawValue), \(bind: request.packageID), \(bind: request.lowerID), \(bind: request.version),
                    \(bind: request.reason), \(bind: request.details), \(bind: request.reporterKey), \(bind: request.reporterEmail),
                    \(bind: request.contactedOwner), \(bind: request.status.rawValue), \(bind: request.assigneeKey), \(bind: comments),
                    \(bind: request.resolution), \(bind: StoreDate.microseconds(request.created)), \(bind: StoreDate.microseconds(request.updated)))
                RETURNING "key"
                """).first().map { try $0.decode(column: "key", as: Int64.self) } ?? 0
            var stored = request
            stored.key = key
            // The event's target names the request, which has a number only now.
            try await Self.appendAudit(audit.map { var e = $0; e.target = e.target.replacingOccurrences(of: "#new", with: "#\(key)"); return e }, in: db)
            return stored
        }
    }

    public func updateSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws {
        let comments = try Self.commentsJSON(request.comments)
        try await write { db in
            try await db.raw("""
                UPDATE support_requests SET status = \(bind: request.status.rawValue), assignee_key = \(bind: request.assigneeKey),
                    comments_json = \(bind: comments), resolution = \(bind: request.resolution),
                    updated = \(bind: StoreDate.microseconds(request.updated))
                WHERE "key" = \(bind: request.key)
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func supportRequest(key: Int64) async throws -> SupportRequest? {
        try await read { db in
            try await db.raw("SELECT * FROM support_requests WHERE \"key\" = \(bind: key)").first().map(Self.decodeSupportRequest)
        }
    }

    public func supportRequests() async throws -> [SupportRequest] {
        try await read { db in
            try await db.raw("SELECT * FROM support_requests ORDER BY created DESC, \"key\" DESC").all().map(Self.decodeSupportRequest)
        }
    }

    public func isPackageLocked(lowerID: String) async throws -> Bool {
        try await read { db in
            try await db.raw("SELECT lower_id FROM package_locks WHERE lower_id = \(bind: lowerID)").first() != nil
        }
    }

    public func lockedLowerIDs() async throws -> Set<String> {
        try await read { db in
            Set(try await db.raw("SELECT lower_id FROM package_locks").all().map { try $0.decode(column: "lower_id", as: String.self) })
        }
    }

    public func setPackageLocked(lowerID: String, locked: Bool, at date: Date, audit: [AuditEvent]) async throws {
        let dialect = self.dialect
        try await write { db in
            if locked {
                try await db.raw("""
                    INSERT INTO package_locks (lower_id, locked) VALUES (\(bind: lowerID), \(bind: StoreDate.microseconds(date)))
                    ON CONFLICT (lower_id) DO NOTHING
                    """).run()
            } else {
                try await db.raw("DELETE FROM package_locks WHERE lower_id = \(bind: lowerID)").run()
            }
            try await Self.markDirty([lowerID], in: db, dialect: dialect)
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func accountFlags(userKey: Int64) async throws -> AccountFlags {
        try await read { db in
            try await db.raw("SELECT * FROM account_flags WHERE user_key = \(bind: userKey)").first().map {
                AccountFlags(
                    userKey: userKey, isLocked: try $0.decode(column: "locked", as: Bool.self))
            } ?? AccountFlags(userKey: userKey)
        }
    }

    public func saveAccountFlags(_ flags: AccountFlags, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("""
                INSERT INTO account_flags (user_key, locked)
                VALUES (\(bind: flags.userKey), \(bind: flags.isLocked))
                ON CONFLICT (user_key) DO UPDATE SET locked = excluded.locked
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func siteAdmins() async throws -> [User] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM users WHERE is_site_admin = \(bind: true) AND deleted = \(bind: false) ORDER BY "key"
                """).all().map(Self.decodeUser)
        }
    }

    public func findAccounts(matching text: String, limit: Int) async throws -> [User] {
        // Compared in Swift so SQLite and PostgreSQL agree on casing (as `users(withEmail:)`).
        let wanted = text.lowercased()
        return try await read { db in
            try await db.raw("SELECT * FROM users WHERE deleted = \(bind: false) ORDER BY name").all().map(Self.decodeUser)
        }.filter { $0.name.lowercased().contains(wanted) || $0.email.lowercased().contains(wanted) }.prefix(limit).map { $0 }
    }

    static func commentsJSON(_ comments: [SupportComment]) throws -> String {
        let encoder = JSONEncoder()
        // Whole microseconds, as every other date of the store.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StoreDate.microseconds(date))
        }
        return String(decoding: try encoder.encode(comments), as: UTF8.self)
    }

    static func decodeSupportRequest(_ row: any SQLRow) throws -> SupportRequest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in StoreDate.date(try decoder.singleValueContainer().decode(Int64.self)) }
        return SupportRequest(
            key: try row.decode(column: "key", as: Int64.self),
            kind: SupportRequestKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .abuse,
            packageID: try row.decode(column: "package_id", as: String.self),
            lowerID: try row.decode(column: "lower_id", as: String.self),
            version: try row.decode(column: "version", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            details: try row.decode(column: "details", as: String.self),
            reporterKey: try row.decode(column: "reporter_key", as: Int64?.self),
            reporterEmail: try row.decode(column: "reporter_email", as: String.self),
            contactedOwner: try row.decode(column: "contacted_owner", as: Bool.self),
            status: SupportRequestStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            assigneeKey: try row.decode(column: "assignee_key", as: Int64?.self),
            comments: try decoder.decode([SupportComment].self, from: Data(try row.decode(column: "comments_json", as: String.self).utf8)),
            resolution: try row.decode(column: "resolution", as: String?.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)),
            updated: StoreDate.date(try row.decode(column: "updated", as: Int64.self)))
    }
}
