import Foundation
import Gallery
import HTTPTypes
import Logging
import PalletApp
import PalletTestSupport
import Testing

/// Runs `body` with a web server whose one OpenID provider ("Test IdP") is the tests' own issuer on 127.0.0.1.
func withOIDCWebServer(
    passwordSignIn: Bool = true, authentication: OpenIDProvider.ClientAuthentication = .basic,
    _ body: @escaping @Sendable (WebTestServer, TestOIDCIssuer) async throws -> Void
) async throws {
    try await TestOIDCIssuer.with { issuer in
        var options = TestServerOptions()
        var logger = Logger(label: "pallet.web-tests")
        logger.logLevel = .critical
        options.logger = logger
        options.configure = { config in
            config.openID.providers = [OpenIDProvider(
                id: "oidc", name: "Test IdP", issuer: issuer.url, clientID: TestOIDCIssuer.clientID,
                clientSecret: TestOIDCIssuer.clientSecret, clientAuthentication: authentication)]
            config.openID.passwordSignIn = passwordSignIn
            // The test provider runs in this process: with the whole suite running on 2 cores its answers can
            // take longer than the 5 s a real provider gets, which showed as a 503 "cannot be reached" page.
            config.openID.timeoutSeconds = 60
        }
        try await withTestApplication(options) { client, environment in
            try await body(WebTestServer(
                client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory), issuer)
        }
    }
}

extension TestBrowser {
    /// Presses "Sign in with Test IdP" (or "Link Test IdP" on /account): the redirect to the provider.
    func startProvider(from path: String = "/users/account/LogOn", link: Bool = false, returnURL: String = "") async throws -> Page {
        let page = try await get(returnURL.isEmpty ? path : path + "?ReturnUrl=" + returnURL)
        let prefix = link ? "Link " : "Sign in with "
        // The provider's button is a GET form: submit it as a browser would, its hidden fields as the query.
        let start = try #require(page.body.range(of: #"<form method="get" action="/users/account/oidc/start">"#), "the page has the provider's form")
        let form = String(page.body[start.upperBound...]).components(separatedBy: "</form>")[0]
        #expect(form.contains(#"<button class="button external-login-button" type="submit">\#(prefix)"#))
        var query: [String] = []
        for match in form.matches(of: #/name="([^"]*)" value="([^"]*)"/#) {
            let value = String(match.output.2)
                .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            query.append(String(match.output.1) + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return try await get("/users/account/oidc/start?" + query.joined(separator: "&"))
    }

    /// The provider's redirect back, approved for `login`, as a local path.
    static func callbackPath(_ issuer: TestOIDCIssuer, _ start: Page, as login: TestOIDCIssuer.Login) throws -> String {
        let location = try #require(start.headers[.location])
        let back = try issuer.approve(location, as: login)
        #expect(back.hasPrefix(WebTestServer.base + "/users/account/oidc/callback?"), "the redirect URI is {base}/users/account/oidc/callback")
        return String(back.dropFirst(WebTestServer.base.count))
    }

    /// The whole flow for `login`: start, approve at the provider, the callback.
    func signIn(with issuer: TestOIDCIssuer, as login: TestOIDCIssuer.Login, returnURL: String = "") async throws -> Page {
        let start = try await startProvider(returnURL: returnURL)
        #expect(start.status == .seeOther)
        return try await get(try Self.callbackPath(issuer, start, as: login))
    }

    /// A hidden field's value on a page.
    static func field(_ name: String, in page: Page) -> String? {
        guard let range = page.body.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(page.body[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension WebTestServer {
    static let base = "http://pallet.test"
}

@Suite("web accounts: OpenID Connect sign-in against the tests' own authorization server")
struct OIDCSignInPagesTests {
    @Test("first sign-in asks for a username, then the same subject signs straight in (PKCE S256, verified email confirmed)")
    func firstAndSecondSignIn() async throws {
        try await withOIDCWebServer { server, issuer in
            let browser = TestBrowser(server)
            let logOn = try await browser.get("/users/account/LogOn")
            #expect(logOn.body.contains(">Sign in with Test IdP</button>"))
            // The button is a form whose redirect goes to the provider: the page's CSP lets forms go there, and only there.
            let issuerURL = try #require(URLComponents(string: issuer.url))
            let origin = "\(issuerURL.scheme ?? "")://\(issuerURL.host ?? "")" + (issuerURL.port.map { ":\($0)" } ?? "")
            #expect(logOn.headers[.contentSecurityPolicy]?.contains("form-action 'self' \(origin);") == true)
            // Without the page's token (a link planted on another site) no flow starts.
            let forged = try await browser.get("/users/account/oidc/start?Provider=oidc")
            #expect(forged.status == .forbidden && forged.headers[.location] == nil)
            let start = try await browser.startProvider(returnURL: "/packages")
            let location = try #require(start.headers[.location])
            #expect(location.hasPrefix(issuer.url + "/authorize?"))
            #expect(location.contains("code_challenge_method=S256") && location.contains("code_challenge=") && location.contains("nonce="))
            #expect(!location.contains("code_verifier"), "the verifier never leaves the server")
            let login = TestOIDCIssuer.Login(subject: "user-1", email: "erin@example.com", preferredUsername: "erin")
            let choose = try await browser.get(try TestBrowser.callbackPath(issuer, start, as: login))
            #expect(choose.status == .ok)
            #expect(choose.body.contains("<h1>Choose a username</h1>"))
            #expect(choose.body.contains(#"<label for="username">Username</label>"#) && choose.body.contains(#"value="erin""#))
            #expect(browser.cookies["pallet_session"] == nil, "nobody is signed in before the username is chosen")
            let token = try #require(TestBrowser.field("Token", in: choose))
            let taken = try await browser.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(choose) ?? ""), ("Token", token), ("Username", "alice"),
                ("EmailAddress", "erin@example.com"),
            ])
            #expect(taken.status == .badRequest && taken.body.contains("already taken"), "Register's rules: alice exists")
            let created = try await browser.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(choose) ?? ""), ("Token", token), ("Username", "erin"),
                ("EmailAddress", "erin@example.com"),
            ])
            #expect(created.status == .seeOther)
            #expect(browser.cookies["pallet_session"] != nil)
            let home = try await browser.get("/")
            #expect(home.body.contains("<summary>erin</summary>"))
            let user = try #require(try await server.gallery.store.user(named: "erin"))
            #expect(try await server.gallery.store.credentials(userKey: user.key)?.emailConfirmed == true, "email_verified counts")
            #expect(try await server.gallery.store.externalLogins(userKey: user.key).map(\.subject) == ["user-1"])
            // The token cannot make a second account.
            let again = try await browser.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(home) ?? ""), ("Token", token), ("Username", "erin2"),
                ("EmailAddress", "erin@example.com"),
            ])
            #expect(again.status == .unauthorized)

            let second = TestBrowser(server)
            let signedIn = try await second.signIn(with: issuer, as: login, returnURL: "/packages")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/packages", "back to the local return URL")
            #expect(second.cookies["pallet_session"] != nil)
            #expect(try await second.get("/").body.contains("<summary>erin</summary>"))
            let actions = try await server.gallery.store.auditEvents(since: nil).map(\.action)
            #expect(actions.contains("login.linked") && actions.filter { $0 == "session.started" }.count >= 2)
        }
    }

    @Test("an unverified email gets a confirmation mail and stays unconfirmed; client_secret_post works too")
    func unverifiedEmail() async throws {
        try await withOIDCWebServer(authentication: .post) { server, issuer in
            let browser = TestBrowser(server)
            let choose = try await browser.signIn(with: issuer, as: .init(subject: "u2", email: "fay@example.com", emailVerified: false))
            #expect(choose.status == .ok)
            #expect(choose.body.contains("We mail a link to confirm it.") && !choose.body.contains("confirmed this address"))
            _ = try await browser.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(choose) ?? ""), ("Token", TestBrowser.field("Token", in: choose) ?? ""),
                ("Username", "fay"), ("EmailAddress", "fay@example.com"),
            ])
            let user = try #require(try await server.gallery.store.user(named: "fay"))
            #expect(try await server.gallery.store.credentials(userKey: user.key)?.emailConfirmed == false)
        }
    }

    @Test("refused: an unknown state, a replayed callback, a replayed code, another browser's flow")
    func stateAndReplay() async throws {
        try await withOIDCWebServer { server, issuer in
            let browser = TestBrowser(server)
            let login = TestOIDCIssuer.Login(subject: "u3", email: "gus@example.com")
            let start = try await browser.startProvider()
            let callback = try TestBrowser.callbackPath(issuer, start, as: login)
            let code = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "code" }?.value)
            let wrongState = try await browser.get("/users/account/oidc/callback?code=\(code)&state=not-the-state")
            #expect(wrongState.status == .unauthorized)
            #expect(wrongState.body.contains("unknown, was used already or is too old"))
            // Another browser (another CSRF cookie) cannot finish this browser's flow.
            let other = TestBrowser(server)
            _ = try await other.get("/users/account/LogOn")
            #expect(try await other.get(callback).status == .unauthorized)
            // The foreign attempt consumed the state: the flow is over for everybody.
            #expect(try await browser.get(callback).status == .unauthorized)
            // A fresh flow works; replaying its callback is refused.
            let fresh = try await browser.startProvider()
            let freshCallback = try TestBrowser.callbackPath(issuer, fresh, as: login)
            #expect(try await browser.get(freshCallback).status == .ok)
            #expect(try await browser.get(freshCallback).status == .unauthorized, "state is single-use")
            // A used code with a new state: the provider refuses it.
            let third = try await browser.startProvider()
            let thirdCallback = try TestBrowser.callbackPath(issuer, third, as: login)
            let freshCode = try #require(URLComponents(string: freshCallback)?.queryItems?.first { $0.name == "code" }?.value)
            let thirdState = try #require(URLComponents(string: thirdCallback)?.queryItems?.first { $0.name == "state" }?.value)
            let replayed = try await browser.get("/users/account/oidc/callback?code=\(freshCode)&state=\(thirdState)")
            #expect(replayed.status == .unauthorized)
            #expect(issuer.refusals.contains("unknown or used code"))
            #expect(browser.cookies["pallet_session"] == nil)
        }
    }

    @Test("refused ID tokens: wrong nonce, wrong audience, expired")
    func badTokens() async throws {
        try await withOIDCWebServer { server, issuer in
            var wrongNonce = TestOIDCIssuer.Login(subject: "u4", email: "hal@example.com")
            wrongNonce.nonce = "another-nonce"
            var wrongAudience = TestOIDCIssuer.Login(subject: "u4", email: "hal@example.com")
            wrongAudience.audience = "another-client"
            var expired = TestOIDCIssuer.Login(subject: "u4", email: "hal@example.com")
            expired.expiresIn = -3_600
            for (login, message) in [(wrongNonce, "(nonce)"), (wrongAudience, "meant for another application"), (expired, "has expired")] {
                let browser = TestBrowser(server)
                let page = try await browser.signIn(with: issuer, as: login)
                #expect(page.status == .unauthorized, "\(message)")
                #expect(page.body.contains(message))
                #expect(browser.cookies["pallet_session"] == nil)
            }
            #expect(try await server.gallery.store.externalLogin(issuer: issuer.url, subject: "u4") == nil)
        }
    }

    @Test("the test provider enforces PKCE: a wrong verifier is refused at its token endpoint")
    func providerEnforcesPKCE() async throws {
        try await TestOIDCIssuer.with { issuer in
            let back = try issuer.approve(
                issuer.url + "/authorize?response_type=code&client_id=\(TestOIDCIssuer.clientID)&redirect_uri=http://pallet.test/cb"
                    + "&scope=openid&state=s&nonce=n&code_challenge=\(ExternalSignIn.codeChallenge("right-verifier"))&code_challenge_method=S256",
                as: .init(subject: "u5"))
            let code = try #require(URLComponents(string: back)?.queryItems?.first { $0.name == "code" }?.value)
            let form = ["client_id": TestOIDCIssuer.clientID, "client_secret": TestOIDCIssuer.clientSecret, "grant_type": "authorization_code",
                        "code": code, "redirect_uri": "http://pallet.test/cb", "code_verifier": "wrong-verifier"]
            #expect(try await issuer.redeem(form: form, authorization: nil) == nil)
            #expect(issuer.refusals == ["PKCE verifier"])
        }
    }

    @Test("a provider that is down answers a clear 503 page at once")
    func providerDown() async throws {
        var options = TestServerOptions()
        var logger = Logger(label: "pallet.web-tests")
        logger.logLevel = .critical
        options.logger = logger
        options.configure = { config in
            // Port 9 on loopback: nothing listens, the connection is refused.
            config.openID.providers = [OpenIDProvider(id: "oidc", name: "Down IdP", issuer: "http://127.0.0.1:9", clientID: "c", clientSecret: "s")]
        }
        try await withTestApplication(options) { client, environment in
            let browser = TestBrowser(WebTestServer(
                client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory))
            let page = try await browser.startProvider()
            #expect(page.status == .serviceUnavailable)
            #expect(page.body.contains("The sign-in provider cannot be reached"))
            #expect(page.headers[.location] == nil)
        }
    }

    @Test("/account links another login and unlinks it; the last way to sign in cannot be unlinked")
    func linkAndUnlink() async throws {
        try await withOIDCWebServer { server, issuer in
            let browser = TestBrowser(server)
            _ = try await browser.register("ida")
            let settings = try await browser.get("/account")
            #expect(settings.body.contains("<h2 id=\"logins-heading\">External logins</h2>"))
            #expect(settings.body.contains(">Link Test IdP</button>"))
            let start = try await browser.startProvider(from: "/account", link: true)
            let linked = try await browser.get(try TestBrowser.callbackPath(issuer, start, as: .init(subject: "ida-sub", email: "ida@example.com")))
            #expect(linked.status == .seeOther && linked.headers[.location] == "/account?changed=login-linked")
            let withLogin = try await browser.get("/account?changed=login-linked")
            #expect(withLogin.body.contains(#"aria-label="Unlink Test IdP""#))
            let user = try #require(try await server.gallery.store.user(named: "ida"))
            #expect(try await server.gallery.store.externalLogins(userKey: user.key).count == 1)
            // Signing in with the linked login opens ida's account.
            let other = TestBrowser(server)
            _ = try await other.signIn(with: issuer, as: .init(subject: "ida-sub"))
            #expect(try await other.get("/").body.contains("<summary>ida</summary>"))
            // ida has a password: the login may go.
            let unlinked = try await browser.post("/account/logins/unlink", [
                ("__RequestVerificationToken", TestBrowser.token(withLogin) ?? ""), ("Issuer", issuer.url), ("Subject", "ida-sub"),
            ])
            #expect(unlinked.status == .seeOther)
            #expect(try await server.gallery.store.externalLogins(userKey: user.key).isEmpty)

            // An account made by a provider has no password: its only login stays.
            let jay = TestBrowser(server)
            let choose = try await jay.signIn(with: issuer, as: .init(subject: "jay-sub", email: "jay@example.com"))
            _ = try await jay.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(choose) ?? ""), ("Token", TestBrowser.field("Token", in: choose) ?? ""),
                ("Username", "jay"), ("EmailAddress", "jay@example.com"),
            ])
            let jaySettings = try await jay.get("/account")
            let refused = try await jay.post("/account/logins/unlink", [
                ("__RequestVerificationToken", TestBrowser.token(jaySettings) ?? ""), ("Issuer", issuer.url), ("Subject", "jay-sub"),
            ])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("Test IdP is your only way to sign in"))
            let jayUser = try #require(try await server.gallery.store.user(named: "jay"))
            #expect(try await server.gallery.store.externalLogins(userKey: jayUser.key).count == 1)
        }
    }

    @Test("a deleted account's logins are forgotten, so the person can sign up again")
    func deletedAccountForgetsLogins() async throws {
        try await withOIDCWebServer { server, issuer in
            let browser = TestBrowser(server)
            let choose = try await browser.signIn(with: issuer, as: .init(subject: "kay-sub", email: "kay@example.com"))
            _ = try await browser.post("/users/account/oidc/register", [
                ("__RequestVerificationToken", TestBrowser.token(choose) ?? ""), ("Token", TestBrowser.field("Token", in: choose) ?? ""),
                ("Username", "kay"), ("EmailAddress", "kay@example.com"),
            ])
            let page = try await browser.get("/account/delete")
            let deleted = try await browser.post("/account/delete", [("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Understand", "on")])
            #expect(deleted.status == .ok && deleted.body.contains("Your account is deleted"))
            #expect(try await server.gallery.store.externalLogin(issuer: issuer.url, subject: "kay-sub") == nil)
            let again = TestBrowser(server)
            let fresh = try await again.signIn(with: issuer, as: .init(subject: "kay-sub", email: "kay@example.com"))
            #expect(fresh.body.contains("<h1>Choose a username</h1>"))
        }
    }

    @Test("password sign-in off: LogOn shows only the provider, Register and ForgotPassword say it is off")
    func passwordSignInOff() async throws {
        try await withOIDCWebServer(passwordSignIn: false) { server, _ in
            let browser = TestBrowser(server)
            let logOn = try await browser.get("/users/account/LogOn")
            #expect(!logOn.body.contains(#"id="password""#))
            #expect(logOn.body.contains("Password sign-in is turned off"))
            #expect(logOn.body.contains(">Sign in with Test IdP</button>"))
            for path in ["/users/account/Register", "/account/ForgotPassword"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound && page.body.contains("Password sign-in is turned off"), "\(path)")
            }
            let posted = try await browser.post("/users/account/LogOn", [
                ("__RequestVerificationToken", TestBrowser.token(logOn) ?? ""), ("UserNameOrEmail", "alice"), ("Password", "whatever-it-is"),
            ])
            #expect(posted.status != .seeOther && browser.cookies["pallet_session"] == nil)
        }
    }
}
