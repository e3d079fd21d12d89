public import Gallery
import Foundation
import SQLKit

extension SQLMetadataStore {
    /// Inserts the user with `audit` and returns it with its assigned key; a name taken in any casing throws `.alreadyExists`.
    public func createUser(_ user: User, audit: [AuditEvent]) async throws -> User {
        let key = try await write { db in
            let key = try await db.raw("""
                INSERT INTO users (name, lower_name, email, is_site_admin, created, kind, deleted)
                VALUES (\(bind: user.name), \(bind: user.name.lowercased()), \(bind: user.email),
                    \(bind: user.isSiteAdmin), \(bind: StoreDate.microseconds(user.created)),
                    \(bind: user.kind.rawValue), \(bind: user.isDeleted))
                RETURNING "key"
                """).first()?.decode(column: "key", as: Int64.self)
            try await Self.appendAudit(audit, in: db)
            return key
        }
        var created = user
        created.key = try key ?? { throw StoreError.unavailable("The new user's key was not returned.") }()
        return created
    }

    /// Case-insensitive, as usernames are unique in every casing.
    public func user(named name: String) async throws -> User? {
        try await read { db in
            try await db.raw("SELECT * FROM users WHERE lower_name = \(bind: name.lowercased())").first().map(Self.decodeUser)
        }
    }

    /// The user with this key, or nil.
    public func user(key: Int64) async throws -> User? {
        try await read { db in
            try await db.raw("SELECT * FROM users WHERE \"key\" = \(bind: key)").first().map(Self.decodeUser)
        }
    }

    /// Inserts the key record with `audit`; a reused secret hash throws `.alreadyExists`.
    public func createAPIKey(_ record: APIKeyRecord, audit: [AuditEvent]) async throws -> APIKeyRecord {
        let encoder = JSONEncoder()
        let scopes = String(decoding: try encoder.encode(record.scopes.map(\.rawValue)), as: UTF8.self)
        let globs = String(decoding: try encoder.encode(record.globs), as: UTF8.self)
        let packageIDs = String(decoding: try encoder.encode(record.packageIDs), as: UTF8.self)
        let key = try await write { db in
            let key = try await db.raw("""
                INSERT INTO api_keys (user_key, owner_key, name, secret_hash, scopes, globs, package_ids, created, expires,
                    revoked, expiry_reminder_sent)
                VALUES (\(bind: record.userKey), \(bind: record.ownerKey), \(bind: record.name), \(bind: record.secretHash), \(bind: scopes),
                    \(bind: globs), \(bind: packageIDs), \(bind: StoreDate.microseconds(record.created)),
                    \(bind: record.expires.map(StoreDate.microseconds)), \(bind: record.revoked),
                    \(bind: record.expiryReminderSent))
                RETURNING "key"
                """).first()?.decode(column: "key", as: Int64.self)
            try await Self.appendAudit(audit, in: db)
            return key
        }
        var created = record
        created.key = try key ?? { throw StoreError.unavailable("The new API key's key was not returned.") }()
        return created
    }

    /// The key whose secret hashes to `secretHash` (revoked and expired keys too; the caller judges).
    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM api_keys WHERE secret_hash = \(bind: secretHash)").first().map(Self.decodeAPIKey)
        }
    }

    /// Owner account keys of the id, ascending (empty for an unknown id).
    public func owners(ofLowerID lowerID: String) async throws -> [Int64] {
        try await read { db in
            try await db.raw("SELECT user_key FROM package_owners WHERE lower_id = \(bind: lowerID) ORDER BY user_key")
                .all().map { try $0.decode(column: "user_key", as: Int64.self) }
        }
    }

    /// Every id's owner account keys, each list ascending.
    public func allOwners() async throws -> [String: [Int64]] {
        try await read { db in
            var owners: [String: [Int64]] = [:]
            for row in try await db.raw("SELECT lower_id, user_key FROM package_owners ORDER BY lower_id, user_key").all() {
                owners[try row.decode(column: "lower_id", as: String.self), default: []]
                    .append(try row.decode(column: "user_key", as: Int64.self))
            }
            return owners
        }
    }

    static func insertOwner(_ userKey: Int64, lowerID: String, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO package_owners (lower_id, user_key) VALUES (\(bind: lowerID), \(bind: userKey))
            ON CONFLICT (lower_id, user_key) DO NOTHING
            """).run()
    }

    static func decodeUser(_ row: any SQLRow) throws -> User {
        User(
            key: try row.decode(column: "key", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            isSiteAdmin: try row.decode(column: "is_site_admin", as: Bool.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)),
            // An unknown kind (written by a newer Pallet) is treated as an organization: it cannot authenticate.
            kind: AccountKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .organization,
            isDeleted: try row.decode(column: "deleted", as: Bool.self)
        )
    }

    static func decodeAPIKey(_ row: any SQLRow) throws -> APIKeyRecord {
        let decoder = JSONDecoder()
        func strings(_ column: String) throws -> [String] {
            try decoder.decode([String].self, from: Data(try row.decode(column: column, as: String.self).utf8))
        }
        return APIKeyRecord(
            key: try row.decode(column: "key", as: Int64.self),
            userKey: try row.decode(column: "user_key", as: Int64.self),
            ownerKey: try row.decodeNil(column: "owner_key") ? nil : try row.decode(column: "owner_key", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            secretHash: try row.decode(column: "secret_hash", as: String.self),
            // An unknown scope (written by a newer Pallet) grants nothing here rather than failing the lookup.
            scopes: try strings("scopes").compactMap(APIKeyScope.init(rawValue:)),
            globs: try strings("globs"),
            packageIDs: try strings("package_ids"),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)),
            expires: try row.decodeNil(column: "expires") ? nil : StoreDate.date(try row.decode(column: "expires", as: Int64.self)),
            revoked: try row.decode(column: "revoked", as: Bool.self),
            expiryReminderSent: try row.decode(column: "expiry_reminder_sent", as: Bool.self)
        )
    }
}
