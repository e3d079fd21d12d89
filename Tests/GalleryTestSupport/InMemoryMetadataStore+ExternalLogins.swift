public import Foundation
public import Gallery

/// Schema step 9's OpenID Connect tables: linked logins and sign-in flows in progress.
struct ExternalLoginState: Sendable {
    var logins: [ExternalLogin] = []
    var flows: [String: SignInFlow] = [:]
}

extension InMemoryMetadataStore {
    public func externalLogin(issuer: String, subject: String) async throws -> ExternalLogin? {
        try read { state in state.externalLogins.logins.first { $0.issuer == issuer && $0.subject == subject } }
    }

    public func externalLogins(userKey: Int64) async throws -> [ExternalLogin] {
        try read { state in state.externalLogins.logins.filter { $0.userKey == userKey } }
    }

    public func addExternalLogin(_ login: ExternalLogin, audit: [AuditEvent]) async throws {
        try write { state in
            guard !state.externalLogins.logins.contains(where: { $0.issuer == login.issuer && $0.subject == login.subject }) else {
                throw GalleryError.badRequest("This login is linked to an account already.")
            }
            state.externalLogins.logins.append(login)
            state.appendAudit(audit)
        }
    }

    public func removeExternalLogin(issuer: String, subject: String, userKey: Int64, audit: [AuditEvent]) async throws -> Bool {
        try write { state in
            let before = state.externalLogins.logins.count
            state.externalLogins.logins.removeAll { $0.issuer == issuer && $0.subject == subject && $0.userKey == userKey }
            guard state.externalLogins.logins.count < before else { return false }
            state.appendAudit(audit)
            return true
        }
    }

    public func saveSignInFlow(_ flow: SignInFlow, now: Date) async throws {
        try write { state in
            state.externalLogins.flows = state.externalLogins.flows.filter { $0.value.expires >= now }
            state.externalLogins.flows[flow.tokenHash] = flow
        }
    }

    public func takeSignInFlow(tokenHash: String, purpose: String) async throws -> SignInFlow? {
        try write { state in
            guard let flow = state.externalLogins.flows.removeValue(forKey: tokenHash) else { return nil }
            return flow.purpose == purpose ? flow : nil
        }
    }
}
