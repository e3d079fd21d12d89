public import Foundation
import Crypto

/// Sign-in with OpenID Connect providers (authorization-code flow with PKCE S256, `state` and `nonce`):
/// the flow's secrets wait server-side in the metadata store, keyed by the hash of `state`, so any node completes
/// it, and each is taken once. A flow is bound to the browser that started it (the hash of its CSRF token), so
/// a callback link planted in someone else's browser signs nobody in.
public struct ExternalSignIn: Sendable {
    /// The configured providers, in the order their buttons show.
    public let providers: [OpenIDProvider]
    let client: any OpenIDClient
    let web: WebAccounts
    /// `{base}/users/account/oidc/callback`, as registered at every provider.
    public let redirectURI: String
    /// How long a started flow may take at the provider, and a first sign-in to pick its username.
    static let flowLifetime: TimeInterval = 600

    public init(providers: [OpenIDProvider], client: any OpenIDClient, web: WebAccounts) {
        self.providers = providers
        self.client = client
        self.web = web
        redirectURI = web.baseURL + "/users/account/oidc/callback"
    }

    /// What a callback ended in.
    public enum Outcome: Sendable {
        /// A known (issuer, subject): signed in.
        case signedIn(WebSignIn, returnURL: String)
        /// An unknown identity: the person picks a username; `token` carries the identity to `register`.
        case chooseUsername(token: String, suggestedName: String, email: String, emailVerified: Bool, provider: String)
        /// A signed-in person linked another login.
        case linked(provider: String)
    }

    /// The facts a flow keeps between its steps (JSON in `SignInFlow.payload`).
    struct FlowFacts: Codable {
        var provider: String
        var nonce: String = ""
        var verifier: String = ""
        var returnURL: String = "/"
        /// SHA-256 of the browser's CSRF token.
        var binding: String
        /// Set when a signed-in person links a login.
        var linkUserKey: Int64? = nil
        var issuer: String = ""
        var subject: String = ""
        var email: String = ""
        var emailVerified: Bool = false
    }

    /// Starts a flow: stores state, nonce and PKCE verifier, and returns the provider's authorization URL.
    /// `linking` is the signed-in person adding a login (nil for a sign-in).
    public func start(providerID: String, returnURL: String, binding: String, linking: Principal?) async throws -> String {
        guard let provider = providers.first(where: { $0.id == providerID }) else {
            throw GalleryError.notFound("There is no sign-in provider '\(providerID)'.")
        }
        let state = WebAccounts.randomToken(), nonce = WebAccounts.randomToken(), verifier = WebAccounts.randomToken()
        let facts = FlowFacts(
            provider: provider.id, nonce: nonce, verifier: verifier, returnURL: returnURL, binding: WebAccounts.sha256(binding),
            linkUserKey: linking?.user.key)
        // Discovery first: a provider that is down fails here, before anything is stored.
        let url = try await client.authorizationURL(
            provider: provider, redirectURI: redirectURI, state: state, nonce: nonce, codeChallenge: Self.codeChallenge(verifier))
        try await save(facts, token: state, purpose: "authorize")
        return url
    }

    /// Completes a flow from the provider's callback. Refused: an unknown, used or expired state, another
    /// browser's flow, a code the provider does not redeem, an ID token that does not verify (signature, issuer,
    /// audience, expiry, nonce).
    public func complete(state: String, code: String, binding: String, signedIn: Principal?) async throws -> Outcome {
        let refused = GalleryError.unauthorized("This sign-in link is unknown, was used already or is too old. Start again.")
        guard state.count <= 200, code.count <= 4_096,
              let facts = try await take(token: state, purpose: "authorize") else { throw refused }
        guard WebAccounts.sha256(binding) == facts.binding else { throw refused }
        guard let provider = providers.first(where: { $0.id == facts.provider }) else { throw refused }
        let identity = try await client.identity(
            provider: provider, code: code, redirectURI: redirectURI, codeVerifier: facts.verifier, nonce: facts.nonce)
        let login = try await web.store.externalLogin(issuer: identity.issuer, subject: identity.subject)
        if let userKey = facts.linkUserKey {
            guard let principal = signedIn, principal.user.key == userKey else { throw refused }
            if let login {
                throw GalleryError.badRequest(login.userKey == userKey
                    ? "This \(provider.name) login is linked to your account already."
                    : "This \(provider.name) login is linked to another account.")
            }
            try await web.store.addExternalLogin(
                ExternalLogin(issuer: identity.issuer, subject: identity.subject, userKey: userKey, providerName: provider.name,
                              created: web.clock.now()),
                audit: [web.audit.entry(principal, "login.linked", target: "user \(principal.user.name)", details: provider.name)])
            return .linked(provider: provider.name)
        }
        if let login {
            guard let user = try await web.store.user(key: login.userKey), !user.isDeleted, user.kind == .user else { throw refused }
            return .signedIn(try await web.startSession(for: user), returnURL: facts.returnURL)
        }
        var pending = facts
        pending.issuer = identity.issuer
        pending.subject = identity.subject
        pending.email = identity.email ?? ""
        pending.emailVerified = identity.emailVerified && identity.email != nil
        let token = WebAccounts.randomToken()
        try await save(pending, token: token, purpose: "register")
        let suggestion = (identity.preferredUsername ?? "").filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        return .chooseUsername(
            token: token, suggestedName: String(suggestion.prefix(64)), email: pending.email, emailVerified: pending.emailVerified,
            provider: provider.name)
    }

    /// First sign-in: makes the account with the chosen username and links the login. The email counts as
    /// confirmed when the provider verified it and the person kept it; otherwise a confirmation mail goes out.
    /// A refused username keeps the identity waiting (same token) for another try.
    public func register(token: String, username: String, email: String, binding: String) async throws -> WebSignIn {
        let refused = GalleryError.unauthorized("This sign-in is unknown, finished already or too old. Start again.")
        guard token.count <= 200, let facts = try await take(token: token, purpose: "register"),
              WebAccounts.sha256(binding) == facts.binding,
              let provider = providers.first(where: { $0.id == facts.provider }) else { throw refused }
        let confirmed = facts.emailVerified && email.lowercased() == facts.email.lowercased()
        let user: User
        do {
            if try await web.store.externalLogin(issuer: facts.issuer, subject: facts.subject) != nil { throw refused }
            let applicant = Principal(
                user: User(key: 0, name: username, email: email, isSiteAdmin: false, created: web.clock.now()), credential: .webSession)
            user = try await web.accounts.createAccount(name: username, email: email, kind: .user, isSiteAdmin: false, by: applicant)
        } catch let error as GalleryError {
            if error.message != refused.message { try await save(facts, token: token, purpose: "register") }
            throw error
        }
        let principal = Principal(user: user, credential: .webSession)
        try await web.store.saveCredentials(UserCredentials(userKey: user.key, passwordHash: nil, emailConfirmed: confirmed), audit: [])
        try await web.store.addExternalLogin(
            ExternalLogin(issuer: facts.issuer, subject: facts.subject, userKey: user.key, providerName: provider.name,
                          created: web.clock.now()),
            audit: [web.audit.entry(principal, "login.linked", target: "user \(user.name)", details: provider.name)])
        if !confirmed { await web.sendConfirmation(to: user) }
        return try await web.startSession(for: user)
    }

    /// The signed-in person's logins.
    public func logins(of user: User) async throws -> [ExternalLogin] {
        try await web.store.externalLogins(userKey: user.key)
    }

    /// Unlinks a login; never the last way to sign in (no usable password and this is the only login).
    public func unlink(issuer: String, subject: String, by principal: Principal) async throws {
        let logins = try await web.store.externalLogins(userKey: principal.user.key)
        guard let login = logins.first(where: { $0.issuer == issuer && $0.subject == subject }) else {
            throw GalleryError.notFound("That login is not linked to your account.")
        }
        let passwordHash = try await web.store.credentials(userKey: principal.user.key)?.passwordHash
        let hasPassword = web.passwordSignIn && passwordHash != nil
        guard hasPassword || logins.count > 1 else {
            throw GalleryError.badRequest(
                "\(login.providerName) is your only way to sign in: link another login\(web.passwordSignIn ? " or set a password" : "") first.")
        }
        _ = try await web.store.removeExternalLogin(
            issuer: issuer, subject: subject, userKey: principal.user.key,
            audit: [web.audit.entry(principal, "login.unlinked", target: "user \(principal.user.name)", details: login.providerName)])
    }

    /// PKCE S256: base64url(SHA-256(verifier)) without padding.
    public static func codeChallenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private func save(_ facts: FlowFacts, token: String, purpose: String) async throws {
        let payload = String(decoding: try JSONEncoder().encode(facts), as: UTF8.self)
        let now = web.clock.now()
        try await web.store.saveSignInFlow(
            SignInFlow(tokenHash: WebAccounts.sha256(token), purpose: purpose, payload: payload, expires: now.addingTimeInterval(Self.flowLifetime)),
            now: now)
    }

    private func take(token: String, purpose: String) async throws -> FlowFacts? {
        guard let flow = try await web.store.takeSignInFlow(tokenHash: WebAccounts.sha256(token), purpose: purpose),
              flow.expires > web.clock.now() else { return nil }
        return try? JSONDecoder().decode(FlowFacts.self, from: Data(flow.payload.utf8))
    }
}

extension WebAccounts {
    /// An account that is deleted or becomes an organization lets its logins go: nobody signs in as it any
    /// more, and the person may sign up again with the same provider.
    func forgetExternalLogins(of user: User, by principal: Principal) async throws {
        for login in try await store.externalLogins(userKey: user.key) {
            _ = try await store.removeExternalLogin(
                issuer: login.issuer, subject: login.subject, userKey: user.key,
                audit: [audit.entry(principal, "login.unlinked", target: "user \(user.name)", details: login.providerName)])
        }
    }
}
