public import Gallery

extension InMemoryMetadataStore {
    public func credentials(userKey: Int64) async throws -> UserCredentials? {
        try read { $0.credentials[userKey] }
    }

    public func saveCredentials(_ credentials: UserCredentials, audit: [AuditEvent]) async throws {
        try write { state in
            state.credentials[credentials.userKey] = credentials
            state.appendAudit(audit)
        }
    }

    public func users(withEmail email: String) async throws -> [User] {
        try read { state in
            state.users.values.filter { !$0.isDeleted && $0.email.lowercased() == email.lowercased() }.sorted { $0.key < $1.key }
        }
    }

    public func createWebSession(_ session: WebSessionRecord, audit: [AuditEvent]) async throws {
        try write { state in
            guard state.webSessions[session.idHash] == nil else { throw StoreError.alreadyExists("session") }
            state.webSessions[session.idHash] = session
            state.appendAudit(audit)
        }
    }

    public func webSession(idHash: String) async throws -> WebSessionRecord? {
        try read { $0.webSessions[idHash] }
    }

    public func deleteWebSession(idHash: String, audit: [AuditEvent]) async throws {
        try write { state in
            state.webSessions[idHash] = nil
            state.appendAudit(audit)
        }
    }

    public func deleteWebSessions(userKey: Int64) async throws {
        try write { state in state.webSessions = state.webSessions.filter { $0.value.userKey != userKey } }
    }

    public func saveAccountToken(_ token: AccountToken) async throws {
        try write { state in
            state.accountTokens = state.accountTokens.filter { $0.value.userKey != token.userKey || $0.value.purpose != token.purpose }
            state.accountTokens[token.tokenHash] = token
        }
    }

    public func takeAccountToken(tokenHash: String, purpose: String) async throws -> AccountToken? {
        try write { state in
            guard let token = state.accountTokens.removeValue(forKey: tokenHash) else { return nil }
            return token.purpose == purpose ? token : nil
        }
    }
}
