public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// What `policy_json` holds: the parts no query looks at.
    struct PolicyBody: Codable {
        var provider: TrustedPublishingPolicy.Provider
        var scopes: [APIKeyScope]
        var globs: [String]
    }

    public func createPublishingPolicy(_ policy: TrustedPublishingPolicy, audit: [AuditEvent]) async throws -> TrustedPublishingPolicy {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(PolicyBody(provider: policy.provider, scopes: policy.scopes, globs: policy.globs)), as: UTF8.self)
        let key = try await write { db in
            let key = try await db.raw("""
                INSERT INTO publishing_policies (owner_key, creator_key, name, policy_json, pinned_owner_id, pinned_repository_id, created)
                VALUES (\(bind: policy.ownerKey), \(bind: policy.creatorKey), \(bind: policy.name), \(bind: body),
                    \(bind: policy.pinnedOwnerID), \(bind: policy.pinnedRepositoryID), \(bind: StoreDate.microseconds(policy.created)))
                RETURNING "key"
                """).first()?.decode(column: "key", as: Int64.self)
            try await Self.appendAudit(audit, in: db)
            return key
        }
        var created = policy
        created.key = try key ?? { throw StoreError.unavailable("The new policy's key was not returned.") }()
        return created
    }

    public func publishingPolicies(ownedBy ownerKey: Int64) async throws -> [TrustedPublishingPolicy] {
        try await read { db in
            try await db.raw("SELECT * FROM publishing_policies WHERE owner_key = \(bind: ownerKey) ORDER BY \"key\"")
                .all().map(Self.publishingPolicy)
        }
    }

    public func publishingPolicy(key: Int64) async throws -> TrustedPublishingPolicy? {
        try await read { db in
            try await db.raw("SELECT * FROM publishing_policies WHERE \"key\" = \(bind: key)").first().map(Self.publishingPolicy)
        }
    }

    public func deletePublishingPolicy(key: Int64, audit: [AuditEvent]) async throws -> Bool {
        try await write { db in
            let deleted = try await db.raw("DELETE FROM publishing_policies WHERE \"key\" = \(bind: key) RETURNING \"key\"").all()
            guard !deleted.isEmpty else { return false }
            try await Self.appendAudit(audit, in: db)
            return true
        }
    }

    public func pinPublishingPolicy(key: Int64, ownerID: String, repositoryID: String) async throws -> Bool {
        try await write { db in
            !(try await db.raw("""
                UPDATE publishing_policies SET pinned_owner_id = \(bind: ownerID), pinned_repository_id = \(bind: repositoryID)
                WHERE "key" = \(bind: key) AND pinned_owner_id IS NULL RETURNING "key"
                """).all()).isEmpty
        }
    }

    /// Inserts the id under its primary key (a replay conflicts); expired ids are swept first.
    public func useTokenID(_ jti: String, expires: Date) async throws -> Bool {
        try await write { db in
            try await db.raw("DELETE FROM used_token_ids WHERE expires < \(bind: StoreDate.microseconds(Date()))").run()
            let inserted = try await db.raw("""
                INSERT INTO used_token_ids (jti, expires) VALUES (\(bind: jti), \(bind: StoreDate.microseconds(expires)))
                ON CONFLICT (jti) DO NOTHING RETURNING jti
                """).all()
            return !inserted.isEmpty
        }
    }

    static func publishingPolicy(_ row: any SQLRow) throws -> TrustedPublishingPolicy {
        let body = try JSONDecoder().decode(PolicyBody.self, from: Data(try row.decode(column: "policy_json", as: String.self).utf8))
        return TrustedPublishingPolicy(
            key: try row.decode(column: "key", as: Int64.self),
            ownerKey: try row.decode(column: "owner_key", as: Int64.self),
            creatorKey: try row.decode(column: "creator_key", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            provider: body.provider, scopes: body.scopes, globs: body.globs,
            pinnedOwnerID: try row.decodeNil(column: "pinned_owner_id") ? nil : try row.decode(column: "pinned_owner_id", as: String.self),
            pinnedRepositoryID: try row.decodeNil(column: "pinned_repository_id")
                ? nil : try row.decode(column: "pinned_repository_id", as: String.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)))
    }
}
