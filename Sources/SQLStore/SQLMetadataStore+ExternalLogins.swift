public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func externalLogin(issuer: String, subject: String) async throws -> ExternalLogin? {
        try await read { db in
            try await db.raw("""
                SELECT * FROM external_logins WHERE issuer = \(bind: issuer) AND subject = \(bind: subject)
                """).first().map(Self.externalLogin)
        }
    }

    public func externalLogins(userKey: Int64) async throws -> [ExternalLogin] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM external_logins WHERE user_key = \(bind: userKey) ORDER BY created, issuer, subject
                """).all().map(Self.externalLogin)
        }
    }

    public func addExternalLogin(_ login: ExternalLogin, audit: [AuditEvent]) async throws {
        try await write { db in
            // Checked inside the transaction; the primary key still stops a race between two nodes.
            let existing = try await db.raw("""
                SELECT user_key FROM external_logins WHERE issuer = \(bind: login.issuer) AND subject = \(bind: login.subject)
                """).first()
            guard existing == nil else { throw GalleryError.badRequest("This login is linked to an account already.") }
            try await db.raw("""
                INSERT INTO external_logins (issuer, subject, user_key, provider_name, created)
                VALUES (\(bind: login.issuer), \(bind: login.subject), \(bind: login.userKey), \(bind: login.providerName),
                    \(bind: StoreDate.microseconds(login.created)))
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func removeExternalLogin(issuer: String, subject: String, userKey: Int64, audit: [AuditEvent]) async throws -> Bool {
        try await write { db in
            let found = try await db.raw("""
                SELECT user_key FROM external_logins
                WHERE issuer = \(bind: issuer) AND subject = \(bind: subject) AND user_key = \(bind: userKey)
                """).first()
            guard found != nil else { return false }
            try await db.raw("""
                DELETE FROM external_logins WHERE issuer = \(bind: issuer) AND subject = \(bind: subject) AND user_key = \(bind: userKey)
                """).run()
            try await Self.appendAudit(audit, in: db)
            return true
        }
    }

    public func saveSignInFlow(_ flow: SignInFlow, now: Date) async throws {
        try await write { db in
            try await db.raw("DELETE FROM sign_in_flows WHERE expires < \(bind: StoreDate.microseconds(now))").run()
            try await db.raw("""
                INSERT INTO sign_in_flows (token_hash, purpose, payload, expires)
                VALUES (\(bind: flow.tokenHash), \(bind: flow.purpose), \(bind: flow.payload), \(bind: StoreDate.microseconds(flow.expires)))
                """).run()
        }
    }

    public func takeSignInFlow(tokenHash: String, purpose: String) async throws -> SignInFlow? {
        try await write { db in
            let flow = try await db.raw("""
                SELECT * FROM sign_in_flows WHERE token_hash = \(bind: tokenHash) AND purpose = \(bind: purpose)
                """).first().map {
                SignInFlow(
                    tokenHash: try $0.decode(column: "token_hash", as: String.self),
                    purpose: try $0.decode(column: "purpose", as: String.self),
                    payload: try $0.decode(column: "payload", as: String.self),
                    expires: StoreDate.date(try $0.decode(column: "expires", as: Int64.self)))
            }
            try await db.raw("DELETE FROM sign_in_flows WHERE token_hash = \(bind: tokenHash)").run()
            return flow
        }
    }

    static func externalLogin(_ row: any SQLRow) throws -> ExternalLogin {
        ExternalLogin(
            issuer: try row.decode(column: "issuer", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            userKey: try row.decode(column: "user_key", as: Int64.self),
            providerName: try row.decode(column: "provider_name", as: String.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)))
    }
}
