public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func credentials(userKey: Int64) async throws -> UserCredentials? {
        try await read { db in
            try await db.raw("SELECT * FROM user_credentials WHERE user_key = \(bind: userKey)").first().map {
                UserCredentials(
                    userKey: try $0.decode(column: "user_key", as: Int64.self),
                    passwordHash: try $0.decode(column: "password_hash", as: String?.self),
                    emailConfirmed: try $0.decode(column: "email_confirmed", as: Bool.self))
            }
        }
    }

    public func saveCredentials(_ credentials: UserCredentials, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("""
                INSERT INTO user_credentials (user_key, password_hash, email_confirmed)
                VALUES (\(bind: credentials.userKey), \(bind: credentials.passwordHash), \(bind: credentials.emailConfirmed))
                ON CONFLICT (user_key)
                DO UPDATE SET password_hash = excluded.password_hash, email_confirmed = excluded.email_confirmed
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func users(withEmail email: String) async throws -> [User] {
        // Lowercased by Swift on both sides' terms: compared in memory, so SQLite and PostgreSQL agree on non-ASCII.
        let wanted = email.lowercased()
        return try await read { db in
            try await db.raw("SELECT * FROM users WHERE deleted = \(bind: false) ORDER BY \"key\"").all().map(Self.decodeUser)
        }.filter { $0.email.lowercased() == wanted }
    }

    public func createWebSession(_ session: WebSessionRecord, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("""
                INSERT INTO web_sessions (id_hash, user_key, csrf_token, created, expires)
                VALUES (\(bind: session.idHash), \(bind: session.userKey), \(bind: session.csrfToken),
                    \(bind: StoreDate.microseconds(session.created)), \(bind: StoreDate.microseconds(session.expires)))
                """).run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func webSession(idHash: String) async throws -> WebSessionRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM web_sessions WHERE id_hash = \(bind: idHash)").first().map {
                WebSessionRecord(
                    idHash: try $0.decode(column: "id_hash", as: String.self),
                    userKey: try $0.decode(column: "user_key", as: Int64.self),
                    csrfToken: try $0.decode(column: "csrf_token", as: String.self),
                    created: StoreDate.date(try $0.decode(column: "created", as: Int64.self)),
                    expires: StoreDate.date(try $0.decode(column: "expires", as: Int64.self)))
            }
        }
    }

    public func deleteWebSession(idHash: String, audit: [AuditEvent]) async throws {
        try await write { db in
            try await db.raw("DELETE FROM web_sessions WHERE id_hash = \(bind: idHash)").run()
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func deleteWebSessions(userKey: Int64) async throws {
        try await write { db in
            try await db.raw("DELETE FROM web_sessions WHERE user_key = \(bind: userKey)").run()
        }
    }

    public func saveAccountToken(_ token: AccountToken) async throws {
        try await write { db in
            try await db.raw("""
                DELETE FROM account_tokens WHERE user_key = \(bind: token.userKey) AND purpose = \(bind: token.purpose)
                """).run()
            try await db.raw("""
                INSERT INTO account_tokens (token_hash, user_key, purpose, expires)
                VALUES (\(bind: token.tokenHash), \(bind: token.userKey), \(bind: token.purpose),
                    \(bind: StoreDate.microseconds(token.expires)))
                """).run()
        }
    }

    public func takeAccountToken(tokenHash: String, purpose: String) async throws -> AccountToken? {
        try await write { db in
            let token = try await db.raw("""
                SELECT * FROM account_tokens WHERE token_hash = \(bind: tokenHash) AND purpose = \(bind: purpose)
                """).first().map {
                AccountToken(
                    tokenHash: try $0.decode(column: "token_hash", as: String.self),
                    userKey: try $0.decode(column: "user_key", as: Int64.self),
                    purpose: try $0.decode(column: "purpose", as: String.self),
                    expires: StoreDate.date(try $0.decode(column: "expires", as: Int64.self)))
            }
            try await db.raw("DELETE FROM account_tokens WHERE token_hash = \(bind: tokenHash)").run()
            return token
        }
    }
}
