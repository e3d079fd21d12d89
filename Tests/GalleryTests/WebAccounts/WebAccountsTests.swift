import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// A fast stand-in for bcrypt: the domain's rules do not depend on the algorithm.
struct PlainTestHasher: PasswordHasher {
    func hash(_ password: String) -> String { "test$" + String(password.reversed()) }
    func verify(_ password: String, hash: String) -> Bool { hash == self.hash(password) }
}

/// Keeps every message instead of sending it.
final class CapturingMailer: Mailer, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [MailMessage] = []
    var summary: String { "capture" }
    func send(_ message: MailMessage) async throws { lock.withLock { sent.append(message) } }
    var messages: [MailMessage] { lock.withLock { sent } }
}

@Suite("web accounts: email confirmation by mailed link")
struct EmailConfirmationTests {
    @Test("register mails a single-use link valid 24 hours; it confirms the email once")
    func confirm() async throws {
        let clock = TestClock(), store = InMemoryMetadataStore(clock: clock), mailer = CapturingMailer()
        let accounts = WebAccounts(store: store, clock: clock, hasher: PlainTestHasher(), mailer: mailer, baseURL: "https://feed.example")
        let user = try await accounts.register(name: "jo", email: "jo@example.com", password: "password1")
        let mail = try #require(mailer.messages.first)
        #expect(mail.to == ["jo@example.com"] && mail.subject == "Confirm your email address")
        let token = try #require(mail.body.firstMatch(of: /https:\/\/feed\.example\/account\/Confirm\?token=([A-Za-z0-9_\-]+)/)).output.1
        #expect(try await accounts.confirmEmail(token: "nope") == nil)
        #expect(try await accounts.confirmEmail(token: String(token))?.key == user.key)
        #expect(try await accounts.isEmailConfirmed(user))
        #expect(try await accounts.confirmEmail(token: String(token)) == nil, "single use")
        // A link older than 24 hours no longer works.
        let late = try await accounts.register(name: "kim", email: "kim@example.com", password: "password1")
        let lateToken = try #require(mailer.messages.last?.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)).output.1
        clock.advance(by: 86_401)
        #expect(try await accounts.confirmEmail(token: String(lateToken)) == nil)
        #expect(!(try await accounts.isEmailConfirmed(late)))
    }
}

@Suite("web accounts: register, sign in, sessions, throttling")
struct WebAccountsTests {
    let clock = TestClock()
    let store: InMemoryMetadataStore
    let accounts: WebAccounts

    init() {
        store = InMemoryMetadataStore(clock: clock)
        accounts = WebAccounts(store: store, clock: clock, hasher: PlainTestHasher(), sessionLifetime: 3_600)
    }

    @Test("register stores a hash (never the password) and an unconfirmed email; sign in by name or email")
    func registerAndSignIn() async throws {
        let user = try await accounts.register(name: "Carol", email: "carol@example.com", password: "correct horse")
        let credentials = try #require(try await store.credentials(userKey: user.key))
        #expect(credentials.passwordHash != "correct horse")
        #expect(!credentials.emailConfirmed)
        let byName = try await accounts.signIn(login: "carol", password: "correct horse", address: "10.0.0.1")
        #expect(byName.principal.user.name == "Carol")
        #expect(byName.principal.credential == .webSession)
        let byEmail = try await accounts.signIn(login: "CAROL@example.com", password: "correct horse", address: "10.0.0.1")
        #expect(byEmail.sessionID != byName.sessionID, "a new session every sign-in")
        // Only the hash of the id is stored.
        #expect(try await store.webSession(idHash: byName.sessionID) == nil)
        #expect(try await accounts.session(id: byName.sessionID)?.principal.user.key == user.key)
    }

    @Test("bad registrations are refused with a sentence")
    func refusals() async throws {
        _ = try await accounts.register(name: "dave", email: "dave@example.com", password: "password1")
        await #expect(throws: GalleryError.self) { try await accounts.register(name: "DAVE", email: "d@example.com", password: "password1") }
        await #expect(throws: GalleryError.self) { try await accounts.register(name: "bad name", email: "e@example.com", password: "password1") }
        await #expect(throws: GalleryError.self) { try await accounts.register(name: "erin", email: "e@example.com", password: "short") }
        await #expect(throws: GalleryError.self) {
            try await accounts.register(name: "erin", email: "e@example.com", password: String(repeating: "x", count: 73))
        }
    }

    @Test("sessions expire by the injected clock and end on sign-out")
    func sessionLifetime() async throws {
        _ = try await accounts.register(name: "frank", email: "frank@example.com", password: "password1")
        let first = try await accounts.signIn(login: "frank", password: "password1", address: "a")
        clock.advance(by: 3_601)
        #expect(try await accounts.session(id: first.sessionID) == nil)
        let second = try await accounts.signIn(login: "frank", password: "password1", address: "a")
        try await accounts.signOut(id: second.sessionID, principal: second.principal)
        #expect(try await accounts.session(id: second.sessionID) == nil)
        #expect(try await store.auditEvents(since: nil).map(\.action).contains("session.ended"))
    }

    @Test("five failures lock the account (and the address) for the rest of 15 minutes, with a clear message")
    func throttling() async throws {
        _ = try await accounts.register(name: "grace", email: "grace@example.com", password: "password1")
        for _ in 0..<5 {
            await #expect(throws: GalleryError.self) { try await accounts.signIn(login: "grace", password: "wrong", address: "b") }
        }
        let error = await #expect(throws: SignInThrottled.self) {
            try await accounts.signIn(login: "grace", password: "password1", address: "c")
        }
        #expect(error?.message == "Too many failed sign-in attempts. Try again in 15 minutes.")
        // The address is locked too, for any account.
        await #expect(throws: SignInThrottled.self) { try await accounts.signIn(login: "someone", password: "x", address: "b") }
        clock.advance(by: 15 * 60)
        _ = try await accounts.signIn(login: "grace", password: "password1", address: "c")
    }

    @Test("the admin command line sets a password and confirms the email")
    func adminPassword() async throws {
        let admin = AccountService(store: store, clock: clock)
        let user = try await admin.createUser(name: "root", email: "root@example.com", isSiteAdmin: true, by: .adminCLI())
        try await accounts.setPassword("s3cret-pass", for: user, emailConfirmed: true, by: .adminCLI())
        #expect(try await accounts.isEmailConfirmed(user))
        _ = try await accounts.signIn(login: "root", password: "s3cret-pass", address: "d")
    }
}
