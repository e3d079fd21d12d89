public import Foundation
public import Gallery

/// Schema step 9's tables: sign-in failures, preferences, pending email changes.
struct AccountSecurityState: Sendable {
    var failures: [(key: String, at: Date)] = []
    var preferences: [Int64: AccountPreferences] = [:]
    var pendingEmails: [String: PendingEmailChange] = [:]
    var transforms: [String: PendingTransform] = [:]
}

extension InMemoryMetadataStore {
    public func recordSignInFailure(keys: [String], at date: Date, forgetBefore: Date) async throws {
        try write { state in
            state.accountSecurity.failures.removeAll { $0.at < forgetBefore }
            for key in keys { state.accountSecurity.failures.append((key, date)) }
        }
    }

    public func signInFailures(key: String, since: Date) async throws -> [Date] {
        try read { state in state.accountSecurity.failures.filter { $0.key == key && $0.at >= since }.map(\.at).sorted() }
    }

    public func clearSignInFailures(key: String) async throws {
        try write { state in state.accountSecurity.failures.removeAll { $0.key == key } }
    }

    public func accountPreferences(userKey: Int64) async throws -> AccountPreferences? {
        try read { $0.accountSecurity.preferences[userKey] }
    }

    public func saveAccountPreferences(_ preferences: AccountPreferences, audit: [AuditEvent]) async throws {
        try write { state in
            state.accountSecurity.preferences[preferences.userKey] = preferences
            state.appendAudit(audit)
        }
    }

    public func savePendingEmailChange(_ change: PendingEmailChange, audit: [AuditEvent]) async throws {
        try write { state in
            state.accountSecurity.pendingEmails = state.accountSecurity.pendingEmails.filter { $0.value.userKey != change.userKey }
            state.accountSecurity.pendingEmails[change.tokenHash] = change
            state.appendAudit(audit)
        }
    }

    public func takePendingEmailChange(tokenHash: String) async throws -> PendingEmailChange? {
        try write { state in state.accountSecurity.pendingEmails.removeValue(forKey: tokenHash) }
    }

    public func savePendingTransform(_ transform: PendingTransform, audit: [AuditEvent]) async throws {
        try write { state in
            state.accountSecurity.transforms = state.accountSecurity.transforms.filter { $0.value.userKey != transform.userKey }
            state.accountSecurity.transforms[transform.tokenHash] = transform
            state.appendAudit(audit)
        }
    }

    public func pendingTransform(tokenHash: String) async throws -> PendingTransform? {
        try read { $0.accountSecurity.transforms[tokenHash] }
    }

    public func takePendingTransform(tokenHash: String) async throws -> PendingTransform? {
        try write { state in state.accountSecurity.transforms.removeValue(forKey: tokenHash) }
    }
}
