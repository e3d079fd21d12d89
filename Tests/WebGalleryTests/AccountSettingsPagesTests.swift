import Foundation
import Gallery
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Logging
import PalletApp
import PalletTestSupport
import Testing
@testable import WebGallery

/// The path of a mailed link, undoing quoted-printable soft breaks should the transport fold the line.
func mailedPath(_ mail: SMTPTestServer.Received, _ path: String) throws -> String {
    let body = mail.body.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
    let pattern = try Regex(path.replacingOccurrences(of: "?", with: "\\?") + "token=[A-Za-z0-9_\\-]+")
    return String(try #require(body.firstMatch(of: pattern)).output[0].substring ?? "")
}

@Suite("web accounts: forgot password through SMTP",
       .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct PasswordResetPageTests {
    @Test("forgot password: the same answer for every address, a mailed link, New/Confirm password, sessions end")
    func forgotPassword() async throws {
        try await withMailingWebServer { server, smtp in
            let browser = TestBrowser(server)
            _ = try await browser.register("ivy")
            _ = try await smtp.messages(atLeast: 1)
            let anonymous = TestBrowser(server)
            let form = try await anonymous.get("/account/ForgotPassword")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<label for="email">Email</label>"#) && form.body.contains(#"id="email" name="Email""#))
            #expect(form.body.contains(#">Send</button>"#))
            let token = TestBrowser.token(form) ?? ""
            let unknown = try await anonymous.post("/account/ForgotPassword", [("__RequestVerificationToken", token), ("Email", "nobody@example.com")])
            let known = try await anonymous.post("/account/ForgotPassword", [("__RequestVerificationToken", token), ("Email", "ivy@example.com")])
            #expect(unknown.status == .ok && known.status == .ok)
            #expect(unknown.body == known.body, "the answer never tells whether an address has an account")
            #expect(known.body.contains("If an account uses this address, we sent it a link"))
            let mails = try await smtp.messages(atLeast: 2)
            #expect(mails.count == 2 && mails[1].rcptTos == ["ivy@example.com"])
            let path = try mailedPath(mails[1], "/account/ResetPassword?")
            let reset = try await anonymous.get(path)
            #expect(reset.body.contains(#"<label for="new-password">New password</label>"#))
            #expect(reset.body.contains(#"<label for="confirm-password">Confirm password</label>"#))
            let link = String(path.split(separator: "=", maxSplits: 1)[1])
            let mismatch = try await anonymous.post("/account/ResetPassword", [
                ("__RequestVerificationToken", TestBrowser.token(reset) ?? ""), ("Token", link),
                ("NewPassword", "brand new pass"), ("ConfirmPassword", "brand new pas"),
            ])
            #expect(mismatch.status == .badRequest && mismatch.body.contains("do not match"))
            let done = try await anonymous.post("/account/ResetPassword", [
                ("__RequestVerificationToken", TestBrowser.token(reset) ?? ""), ("Token", link),
                ("NewPassword", "brand new pass"), ("ConfirmPassword", "brand new pass"),
            ])
            #expect(done.status == .ok && done.body.contains("Your password is changed"))
            // The browser that was signed in is signed out; the old password no longer works; the new one does.
            #expect(try await browser.get("/account").status == .found)
            #expect(try await TestBrowser(server).signIn("ivy", password: "correct horse battery").status == .unauthorized)
            #expect(try await TestBrowser(server).signIn("ivy", password: "brand new pass").status == .seeOther)
            let again = try await anonymous.post("/account/ResetPassword", [
                ("__RequestVerificationToken", TestBrowser.token(reset) ?? ""), ("Token", link),
                ("NewPassword", "another pass 1"), ("ConfirmPassword", "another pass 1"),
            ])
            #expect(again.status == .badRequest && again.body.contains("This password reset link is unknown, was used already"))
        }
    }

    @Test("an email change is confirmed by the link mailed to the new address")
    func emailChange() async throws {
        try await withMailingWebServer { server, smtp in
            let browser = TestBrowser(server)
            _ = try await browser.register("jay")
            let settings = try await browser.get("/account")
            let changed = try await browser.post("/account/ChangeEmail", [
                ("__RequestVerificationToken", TestBrowser.token(settings) ?? ""), ("NewEmail", "jay@new.example"),
            ])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/account?changed=email-requested").body.contains("We mailed a link to the new address"))
            let mails = try await smtp.messages(atLeast: 2)
            #expect(mails[1].rcptTos == ["jay@new.example"])
            let opened = try await browser.get(try mailedPath(mails[1], "/account/ConfirmEmailChange?"))
            #expect(opened.status == .ok && opened.body.contains("Your email address is changed"))
            #expect(try await browser.get("/account").body.contains("<strong>jay@new.example</strong> (confirmed)"))
        }
    }
}

extension PasswordResetPageTests {
    @Test("creating a key on the web mails its user \"API key added\", never the secret")
    func keyAddedMail() async throws {
        try await withMailingWebServer { server, smtp in
            _ = try await APIKeyPagesTests.confirmedUser(server, "tess")
            let browser = TestBrowser(server)
            _ = try await browser.signIn("tess", password: "correct horse battery")
            let form = try await browser.get("/account/apikeys")
            let created = try await browser.post("/account/apikeys", [
                ("__RequestVerificationToken", TestBrowser.token(form) ?? ""), ("Name", "ci key"), ("ExpiresInDays", "30"),
                ("Owner", "tess"), ("Push", "on"), ("PushKind", "push"),
            ])
            let secret = try #require(created.body.firstMatch(of: /pallet_[A-Za-z0-9_\-]+/)).output
            let mail = try #require(try await smtp.messages(atLeast: 1).last)
            #expect(mail.rcptTos == ["tess@example.com"])
            #expect(mail.header("Subject") == "[Pallet] API key added: ci key")
            #expect(!mail.data.contains(String(secret)))
        }
    }
}

@Suite("web accounts: settings, change password, unconfirmed keys, client address")
struct AccountSettingsPagesTests {
    @Test("the header menu links Administration for site admins only")
    func adminLink() async throws {
        try await withWebServer { server in
            let plain = TestBrowser(server)
            _ = try await plain.register("vic")
            let page = try await plain.get("/")
            #expect(page.body.contains(#"<a href="/account">Account Settings</a>"#))
            #expect(!page.body.contains(#"href="/admin""#))
            let admin = try await server.gallery.accounts.createUser(name: "root", email: "root@example.com", isSiteAdmin: true, by: .adminCLI())
            let accounts = WebAccounts(store: server.gallery.store, clock: server.gallery.clock, hasher: BcryptPasswordHasher(cost: 4))
            try await accounts.setPassword("correct horse battery", for: admin, emailConfirmed: true, by: .adminCLI())
            let root = TestBrowser(server)
            _ = try await root.signIn("root", password: "correct horse battery")
            #expect(try await root.get("/").body.contains(#"<li><a href="/admin">Administration</a></li>"#))
        }
    }

    @Test("/account needs a session; it shows Email, Notifications and Password with labelled controls")
    func settingsPage() async throws {
        try await withWebServer { server in
            let anonymous = try await server.get("/account")
            #expect(anonymous.status == .found)
            #expect(anonymous.headers[.location] == "/users/account/LogOn?ReturnUrl=/account")
            let browser = TestBrowser(server)
            _ = try await browser.register("kai")
            let page = try await browser.get("/account")
            #expect(page.status == .ok && page.count("<h1") == 1)
            for (id, label) in [
                ("new-email", "New email"), ("allow-contact", "Allow others to contact me"),
                ("notify-publish", "Notify me when a package is published to my account"), ("current-password", "Current password"),
                ("new-password", "New password"), ("confirm-password", "Confirm password"),
            ] {
                #expect(page.body.contains(#"<label for="\#(id)">\#(label)</label>"#), "\(label)")
                #expect(page.body.contains(#"id="\#(id)""#), "\(id)")
            }
            #expect(page.body.contains(#"id="allow-contact" name="AllowContact" type="checkbox" value="on" checked"#))
            let saved = try await browser.post("/account/Preferences", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("NotifyOnPublish", "on"),
            ])
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/account?changed=preferences")
            #expect(after.body.contains("Your notification preferences are saved."))
            #expect(after.body.contains(#"id="allow-contact" name="AllowContact" type="checkbox" value="on">"#))
            let user = try #require(try await server.gallery.store.user(named: "kai"))
            #expect(try await server.gallery.store.accountPreferences(userKey: user.key)?.allowsContact == false)
        }
    }

    @Test("changing the password ends the other sessions and keeps this browser signed in with a new session")
    func changePassword() async throws {
        try await withWebServer { server in
            let here = TestBrowser(server), elsewhere = TestBrowser(server)
            _ = try await here.register("lou")
            _ = try await elsewhere.signIn("lou", password: "correct horse battery")
            let before = try #require(here.cookies["pallet_session"])
            let page = try await here.get("/account")
            let wrong = try await here.post("/account/ChangePassword", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("OldPassword", "not it"),
                ("NewPassword", "fresh password"), ("ConfirmPassword", "fresh password"),
            ])
            #expect(wrong.status == .badRequest && wrong.body.contains("The current password is not correct."))
            let changed = try await here.post("/account/ChangePassword", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("OldPassword", "correct horse battery"),
                ("NewPassword", "fresh password"), ("ConfirmPassword", "fresh password"),
            ])
            #expect(changed.status == .seeOther)
            let cookie = try #require(changed.headers[values: .setCookie].first { $0.hasPrefix("pallet_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(here.cookies["pallet_session"] != before, "renewed")
            #expect(try await here.get("/account").status == .ok)
            #expect(try await elsewhere.get("/account").status == .found, "the other session ended")
        }
    }

    @Test("the new forms refuse a post without their CSRF token")
    func csrf() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.register("max")
            for path in ["/account/ChangePassword", "/account/ChangeEmail", "/account/Preferences", "/account/ForgotPassword", "/account/ResetPassword"] {
                let page = try await browser.post(path, [("NewEmail", "x@example.com"), ("Email", "max@example.com")])
                #expect(page.status == .forbidden, "\(path)")
            }
            let user = try #require(try await server.gallery.store.user(named: "max"))
            #expect(try await server.gallery.store.user(key: user.key)?.email == "max@example.com")
            #expect(try await server.gallery.store.accountPreferences(userKey: user.key) == nil)
        }
    }

    @Test("a key of an account whose email is not confirmed is refused with 403 and a sentence")
    func unconfirmedKey() async throws {
        try await withWebServer { server in
            _ = try await TestBrowser(server).register("ned")
            let created = try await server.gallery.accounts.createAPIKey(userName: "ned", name: "cli", scopes: [.push, .unlist], by: .adminCLI())
            var headers = HTTPFields()
            headers[HTTPField.Name("X-NuGet-ApiKey")!] = created.secret
            let answer = try await server.client.execute(
                uri: "/api/v2/package/Ned.Package/1.0.0", method: .delete, headers: headers, body: nil
            ) { Page(status: $0.status, headers: $0.headers, body: String(buffer: $0.body)) }
            #expect(answer.status == .forbidden)
            #expect(answer.body.contains("Confirm the email address of the account 'ned' before using its API keys"))
        }
    }

    @Test("PALLET_TRUSTED_PROXIES lists IP addresses; anything else is a start-up problem")
    func trustedProxiesConfig() async throws {
        let config = try await ServerConfig.load(commandLine: [:], environment: ["PALLET_TRUSTED_PROXIES": "10.0.0.1, ::1"])
        #expect(config.trustedProxies == ["10.0.0.1", "::1"])
        await #expect(throws: (any Error).self) {
            _ = try await ServerConfig.load(commandLine: [:], environment: ["PALLET_TRUSTED_PROXIES": "proxy.example"])
        }
    }

    @Test("with an https base URL the session cookie is Secure")
    func secureCookie() async throws {
        var options = TestServerOptions()
        options.configure = { $0.baseURL = "https://feed.example" }
        try await withTestApplication(options) { client, environment in
            let browser = TestBrowser(WebTestServer(
                client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory))
            let registered = try await browser.register("wes")
            let cookie = try #require(registered.headers[values: .setCookie].first { $0.hasPrefix("pallet_session=") })
            #expect(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        }
    }

    @Test("X-Forwarded-For counts only from a trusted proxy, read from the right past our proxies")
    func clientAddress() {
        let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.1", "10.0.0.2"])
        func request(_ forwarded: String?) -> Request {
            var headers = HTTPFields()
            if let forwarded { headers[HTTPField.Name("X-Forwarded-For")!] = forwarded }
            return Request(head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/", headerFields: headers), body: .init(buffer: .init()))
        }
        #expect(resolver.address(of: request("1.2.3.4"), peer: "203.0.113.9") == "203.0.113.9", "an untrusted peer's header is ignored")
        #expect(resolver.address(of: request("1.2.3.4"), peer: "10.0.0.1") == "1.2.3.4")
        #expect(resolver.address(of: request("6.6.6.6, 1.2.3.4, 10.0.0.2"), peer: "10.0.0.1") == "1.2.3.4", "a client cannot choose")
        #expect(resolver.address(of: request(nil), peer: "10.0.0.1") == "10.0.0.1")
    }
}
