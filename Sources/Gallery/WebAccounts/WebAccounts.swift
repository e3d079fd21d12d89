public import Foundation
import Crypto
public import Logging

/// Hashes and checks passwords with a slow, salted algorithm (bcrypt in the web gallery).
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, hash: String) -> Bool
}

/// A signed-in web session as the web layer sees it: who, the session, and the cookie value (new sessions only).
public struct WebSignIn: Sendable {
    public let principal: Principal
    public let session: WebSessionRecord
    /// The session id to put in the cookie; only the hash is stored.
    public let sessionID: String
}

/// Local accounts on the web: register, sign in (throttled), sessions, passwords.
public struct WebAccounts: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock
    let hasher: any PasswordHasher
    let accounts: AccountService
    let authorizer: Authorizer
    let audit: AuditLog
    let throttle: SignInThrottle
    let mailer: (any Mailer)?
    let baseURL: String
    let logger: Logger
    /// How long a session lives after sign-in.
    public let sessionLifetime: TimeInterval
    /// Whether local passwords sign in (off: only OpenID Connect providers do; Register and password reset are off too).
    public let passwordSignIn: Bool

    public init(
        store: any MetadataStore, clock: any GalleryClock, hasher: any PasswordHasher,
        sessionLifetime: TimeInterval = 14 * 86_400, throttle: SignInThrottle = SignInThrottle(),
        mailer: (any Mailer)? = nil, baseURL: String = "", passwordSignIn: Bool = true,
        logger: Logger = Logger(label: "pallet.web-accounts")
    ) {
        self.passwordSignIn = passwordSignIn
        self.mailer = mailer
        self.baseURL = baseURL
        self.logger = logger
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.sessionLifetime = sessionLifetime
        self.throttle = throttle
        accounts = AccountService(store: store, clock: clock, logger: logger)
        authorizer = Authorizer(store: store)
        audit = AuditLog(store: store, clock: clock, logger: logger)
    }

    /// The answer to password sign-in, registration and password reset when the site turned passwords off.
    public static let passwordSignInOff = GalleryError.forbidden(
        "Password sign-in is turned off on this site: sign in with one of the providers.")

    /// bcrypt reads 72 bytes at most: a longer password is refused rather than silently cut.
    public static func checkPassword(_ password: String) throws {
        guard password.count >= 8 else { throw GalleryError.badRequest("Your password must be at least 8 characters long.") }
        guard password.utf8.count <= 72 else { throw GalleryError.badRequest("Your password must be at most 72 bytes long.") }
    }

    /// Self-service registration: the account starts with its email unconfirmed.
    public func register(name: String, email: String, password: String) async throws -> User {
        guard passwordSignIn else { throw Self.passwordSignInOff }
        try Self.checkPassword(password)
        let hash = hasher.hash(password)
        let applicant = Principal(
            user: User(key: 0, name: name, email: email, isSiteAdmin: false, created: clock.now()), credential: .webSession)
        let user = try await accounts.createAccount(name: name, email: email, kind: .user, isSiteAdmin: false, by: applicant)
        try await store.saveCredentials(UserCredentials(userKey: user.key, passwordHash: hash, emailConfirmed: false), audit: [])
        await sendConfirmation(to: user)
        return user
    }

    /// Mails a link confirming the account's email (valid 24 hours; a new mail replaces the earlier link).
    /// A mail that fails is logged: the account exists, and the person can ask for another one.
    public func sendConfirmation(to user: User) async {
        guard let mailer else { return }
        let token = Self.randomToken()
        do {
            try await store.saveAccountToken(AccountToken(
                tokenHash: Self.sha256(token), userKey: user.key, purpose: "confirm-email",
                expires: clock.now().addingTimeInterval(86_400)))
            try await mailer.send(MailMessage(
                to: [user.email], subject: "Confirm your email address",
                body: """
                    Hello \(user.name),

                    Open this link within 24 hours to confirm your email address:

                    \(baseURL)/account/Confirm?token=\(token)

                    Until you do, you cannot create API keys or push packages.
                    If you did not register, ignore this mail.
                    """))
        } catch {
            logger.warning("confirmation mail failed", metadata: ["user": "\(user.name)", "error": "\(error)"])
        }
    }

    /// Confirms an email by the mailed link's token (single use). Returns the account, or nil for an unknown,
    /// used or expired link.
    public func confirmEmail(token: String) async throws -> User? {
        guard token.count <= 200, let stored = try await store.takeAccountToken(tokenHash: Self.sha256(token), purpose: "confirm-email"),
              stored.expires > clock.now(), let user = try await store.user(key: stored.userKey), !user.isDeleted,
              var credentials = try await store.credentials(userKey: user.key)
        else { return nil }
        credentials.emailConfirmed = true
        let actor = Principal(user: user, credential: .webSession)
        try await store.saveCredentials(credentials, audit: [audit.entry(actor, "email.confirmed", target: "user \(user.name)")])
        return user
    }

    /// Sets a password for an account (the admin command line's `--password-stdin`); the email counts as confirmed.
    public func setPassword(_ password: String, for user: User, emailConfirmed: Bool, by principal: Principal) async throws {
        try Self.checkPassword(password)
        guard principal.isSiteAdmin || principal.user.key == user.key else {
            throw GalleryError.forbidden("Only the account itself or a site admin may set its password.")
        }
        let event = audit.entry(principal, "password.set", target: "user \(user.name)")
        try await store.saveCredentials(
            UserCredentials(userKey: user.key, passwordHash: hasher.hash(password), emailConfirmed: emailConfirmed), audit: [event])
        try await store.deleteWebSessions(userKey: user.key)
    }

    /// Signs in by username or email. Throttled per account and per client address (`SignInThrottle`, counted
    /// in the metadata store so every node sees every failure).
    public func signIn(login: String, password: String, address: String) async throws -> WebSignIn {
        guard passwordSignIn else { throw Self.passwordSignInOff }
        let login = login.trimmingCharacters(in: .whitespaces)
        let account = SignInThrottle.accountKey(login), keys = [account, SignInThrottle.addressKey(address)]
        try await throttle.check(keys, store: store, now: clock.now())
        let failure = GalleryError.unauthorized("The username or email and password do not match an account.")
        guard let user = try await findUser(login), let credentials = try await store.credentials(userKey: user.key),
              let hash = credentials.passwordHash, hasher.verify(password, hash: hash)
        else {
            try await throttle.fail(keys, store: store, now: clock.now())
            throw failure
        }
        try await store.clearSignInFailures(key: account)
        return try await startSession(for: user)
    }

    func findUser(_ login: String) async throws -> User? {
        if login.contains("@") {
            let matches = try await store.users(withEmail: login).filter { $0.kind == .user }
            return matches.count == 1 ? matches[0] : nil
        }
        guard let user = try await store.user(named: login), !user.isDeleted, user.kind == .user else { return nil }
        return user
    }

    /// A fresh session (a new id every sign-in).
    func startSession(for user: User) async throws -> WebSignIn {
        let principal = try await authorizer.signedIn(user)
        let id = Self.randomToken()
        let now = clock.now()
        let session = WebSessionRecord(
            idHash: Self.sha256(id), userKey: user.key, csrfToken: Self.randomToken(), created: now,
            expires: now.addingTimeInterval(sessionLifetime))
        try await store.createWebSession(session, audit: [audit.entry(principal, "session.started", target: "user \(user.name)")])
        return WebSignIn(principal: principal, session: session, sessionID: id)
    }

    /// The live session for a cookie value, or nil (unknown, expired, or the account is gone).
    public func session(id: String) async throws -> (principal: Principal, session: WebSessionRecord)? {
        guard id.count <= 200, let session = try await store.webSession(idHash: Self.sha256(id)) else { return nil }
        guard session.expires > clock.now() else { return nil }
        guard let user = try await store.user(key: session.userKey), !user.isDeleted, user.kind == .user else { return nil }
        return (try await authorizer.signedIn(user), session)
    }

    /// Ends the session for a cookie value.
    public func signOut(id: String, principal: Principal) async throws {
        try await store.deleteWebSession(
            idHash: Self.sha256(id), audit: [audit.entry(principal, "session.ended", target: "user \(principal.user.name)")])
    }

    /// Whether the account's email is confirmed.
    public func isEmailConfirmed(_ user: User) async throws -> Bool {
        try await store.credentials(userKey: user.key)?.emailConfirmed ?? false
    }

    /// 32 random bytes, base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
