import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// Forgot password, change password, email change, preferences and the stored sign-in throttle, on the in-memory
/// store with a test clock.
@Suite("web accounts: passwords, email change, preferences, shared throttle")
struct AccountSettingsTests {
    let clock = TestClock()
    let store: InMemoryMetadataStore
    let mailer = CapturingMailer()
    let accounts: WebAccounts

    init() {
        store = InMemoryMetadataStore(clock: clock)
        accounts = WebAccounts(store: store, clock: clock, hasher: PlainTestHasher(), mailer: mailer, baseURL: "https://feed.example")
    }

    func link(_ path: String, in mail: MailMessage?) throws -> String {
        let pattern = try Regex("https://feed\\.example" + path + "\\?token=([A-Za-z0-9_\\-]+)")
        let match = try #require(mail?.body.firstMatch(of: pattern))
        return String(try #require(match.output[1].substring))
    }

    @Test("forgot password mails a one-hour single-use link; unknown addresses get no mail and no error")
    func forgotPassword() async throws {
        let user = try await accounts.register(name: "ann", email: "ann@example.com", password: "old password")
        let session = try await accounts.signIn(login: "ann", password: "old password", address: "a")
        try await accounts.requestPasswordReset(email: "nobody@example.com")
        try await accounts.requestPasswordReset(email: "not an address")
        #expect(mailer.messages.count == 1, "only the confirmation mail")

        try await accounts.requestPasswordReset(email: "ANN@example.com")
        let mail = mailer.messages.last
        #expect(mail?.to == ["ann@example.com"] && mail?.subject == "Reset your password")
        let token = try link("/account/ResetPassword", in: mail)
        #expect(try await store.auditEvents(since: nil).allSatisfy { !$0.details.contains(token) })

        await #expect(throws: GalleryError.badRequest("The new password and its confirmation do not match.")) {
            _ = try await accounts.resetPassword(token: token, password: "new password", confirmation: "new passw0rd")
        }
        #expect(try await accounts.resetPassword(token: token, password: "new password", confirmation: "new password").key == user.key)
        #expect(try await accounts.session(id: session.sessionID) == nil, "every session ends")
        #expect(try await accounts.isEmailConfirmed(user), "the link proves the address")
        _ = try await accounts.signIn(login: "ann", password: "new password", address: "a")
        await #expect(throws: GalleryError.self) {
            _ = try await accounts.resetPassword(token: token, password: "third password", confirmation: "third password")
        }
        #expect(try await store.auditEvents(since: nil).map(\.action).contains("password.reset"))

        // A link older than an hour no longer works.
        try await accounts.requestPasswordReset(email: "ann@example.com")
        let late = try link("/account/ResetPassword", in: mailer.messages.last)
        clock.advance(by: 3_601)
        await #expect(throws: GalleryError.self) {
            _ = try await accounts.resetPassword(token: late, password: "fourth password", confirmation: "fourth password")
        }
        _ = try await accounts.signIn(login: "ann", password: "new password", address: "a")
    }

    @Test("changing the password needs the current one, ends every session and renews the one making the change")
    func changePassword() async throws {
        _ = try await accounts.register(name: "bo", email: "bo@example.com", password: "first password")
        let here = try await accounts.signIn(login: "bo", password: "first password", address: "a")
        let elsewhere = try await accounts.signIn(login: "bo", password: "first password", address: "b")
        await #expect(throws: GalleryError.badRequest("The current password is not correct.")) {
            _ = try await accounts.changePassword(current: "wrong", new: "second password", confirmation: "second password", by: here.principal)
        }
        await #expect(throws: GalleryError.badRequest("Your password must be at least 8 characters long.")) {
            _ = try await accounts.changePassword(current: "first password", new: "short", confirmation: "short", by: here.principal)
        }
        #expect(try await accounts.session(id: elsewhere.sessionID) != nil, "a refused change ends nothing")
        let renewed = try await accounts.changePassword(
            current: "first password", new: "second password", confirmation: "second password", by: here.principal)
        #expect(try await accounts.session(id: here.sessionID) == nil)
        #expect(try await accounts.session(id: elsewhere.sessionID) == nil)
        #expect(try await accounts.session(id: renewed.sessionID)?.principal.user.name == "bo")
        #expect(renewed.sessionID != here.sessionID)
        await #expect(throws: GalleryError.self) { _ = try await accounts.signIn(login: "bo", password: "first password", address: "c") }
        _ = try await accounts.signIn(login: "bo", password: "second password", address: "c")
        #expect(try await store.auditEvents(since: nil).map(\.action).contains("password.changed"))
    }

    @Test("an email change waits for the link mailed to the new address; the old address is told")
    func emailChange() async throws {
        let user = try await accounts.register(name: "cy", email: "cy@example.com", password: "password1")
        let principal = try await accounts.signIn(login: "cy", password: "password1", address: "a").principal
        await #expect(throws: GalleryError.badRequest("'nope' is not a valid email address.")) {
            try await accounts.requestEmailChange(to: "nope", by: principal)
        }
        try await accounts.requestEmailChange(to: "cy@new.example", by: principal)
        let mail = mailer.messages.last
        #expect(mail?.to == ["cy@new.example"] && mail?.subject == "Confirm your new email address")
        #expect(try await store.user(key: user.key)?.email == "cy@example.com", "unchanged until the link is opened")
        let token = try link("/account/ConfirmEmailChange", in: mail)
        #expect(try await accounts.confirmEmailChange(token: "unknown") == nil)
        #expect(try await accounts.confirmEmailChange(token: token)?.email == "cy@new.example")
        #expect(try await store.user(key: user.key)?.email == "cy@new.example")
        #expect(try await accounts.isEmailConfirmed(user))
        #expect(try await accounts.confirmEmailChange(token: token) == nil, "single use")
        #expect(mailer.messages.last?.to == ["cy@example.com"] && mailer.messages.last?.subject == "Your email address was changed")
        let actions = try await store.auditEvents(since: nil).map(\.action)
        #expect(actions.contains("email.change-requested") && actions.contains("email.changed"))
    }

    @Test("preferences default to on, are saved and audited; allowsContact reads them")
    func preferences() async throws {
        let user = try await accounts.register(name: "di", email: "di@example.com", password: "password1")
        #expect(try await accounts.allowsContact(user))
        #expect(try await accounts.notifiesOnPublish(user))
        let principal = try await accounts.signIn(login: "di", password: "password1", address: "a").principal
        try await accounts.savePreferences(allowsContact: false, notifyOnPublish: true, by: principal)
        #expect(!(try await accounts.allowsContact(user)))
        #expect(try await accounts.notifiesOnPublish(user))
        #expect(try await store.auditEvents(since: nil).contains { $0.action == "preferences.changed" && $0.details.contains("allowContact=false") })
    }

    @Test("the throttle is shared through the store: failures on one node lock sign-in on another; the wait is exact")
    func sharedThrottle() async throws {
        let other = WebAccounts(store: store, clock: clock, hasher: PlainTestHasher())
        _ = try await accounts.register(name: "eve", email: "eve@example.com", password: "password1")
        for attempt in 0..<5 {
            let node = attempt.isMultiple(of: 2) ? accounts : other
            await #expect(throws: GalleryError.self) { _ = try await node.signIn(login: "eve", password: "wrong", address: "10.0.0.\(attempt)") }
            clock.advance(by: 60)
        }
        // The first failure was 5 minutes ago: 10 minutes to wait.
        let error = await #expect(throws: SignInThrottled.self) {
            _ = try await other.signIn(login: "EVE", password: "password1", address: "10.9.9.9")
        }
        #expect(error?.message == "Too many failed sign-in attempts. Try again in 10 minutes.")
        #expect(error?.retryAfterSeconds == 600)
        clock.advance(by: 600)
        _ = try await accounts.signIn(login: "eve", password: "password1", address: "10.9.9.9")
    }
}
