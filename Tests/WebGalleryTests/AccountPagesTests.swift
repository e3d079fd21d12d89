import Foundation
import Gallery
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import WebGallery

/// A cookie jar over the test client: what a browser keeps between requests.
final class TestBrowser: @unchecked Sendable {
    let server: WebTestServer
    var cookies: [String: String] = [:]

    init(_ server: WebTestServer) { self.server = server }

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    func post(_ path: String, _ fields: [(String, String)], headers extra: HTTPFields = [:]) async throws -> Page {
        let body = fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(path, method: .post, body: body, headers: headers)
    }

    func send(_ path: String, method: HTTPRequest.Method, body: String?, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        headers[.accept] = "text/html"
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let page = try await server.client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
        for value in page.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), content = pair.count > 1 ? String(pair[1]) : ""
            if content.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = content }
        }
        return page
    }

    /// The CSRF token of the first form on a page.
    static func token(_ page: Page) -> String? {
        guard let range = page.body.range(of: #"name="__RequestVerificationToken" value=""#) else { return nil }
        return String(page.body[range.upperBound...].prefix { $0 != "\"" })
    }

    func register(_ name: String, password: String = "correct horse battery") async throws -> Page {
        let form = try await get("/users/account/Register")
        return try await post("/users/account/Register", [
            ("__RequestVerificationToken", Self.token(form) ?? ""), ("Username", name),
            ("EmailAddress", "\(name)@example.com"), ("Password", password),
        ])
    }

    func signIn(_ login: String, password: String, returnURL: String = "") async throws -> Page {
        let form = try await get("/users/account/LogOn")
        return try await post("/users/account/LogOn", [
            ("__RequestVerificationToken", Self.token(form) ?? ""), ("UserNameOrEmail", login),
            ("Password", password), ("ReturnUrl", returnURL),
        ])
    }

    private func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

@Suite("web accounts: register, sign in, sign out")
struct AccountPagesTests {
    @Test("the sign-in and register pages carry the contract's labels, each tied to its control")
    func labels() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            let logOn = try await browser.get("/users/account/LogOn")
            #expect(logOn.status == .ok)
            #expect(logOn.body.contains(#"<label for="login">Username or email</label>"#))
            #expect(logOn.body.contains(#"id="login""#))
            #expect(logOn.body.contains(#"<label for="password">Password</label>"#))
            #expect(logOn.body.contains(#">Sign in</button>"#))
            #expect(logOn.body.contains(#"<a href="/account/ForgotPassword">Forgot your password?</a>"#))
            #expect(logOn.count("<h1") == 1)
            #expect(TestBrowser.token(logOn) != nil)
            #expect(browser.cookies["pallet_csrf"] == TestBrowser.token(logOn), "the anonymous token is the cookie's (double submit)")
            let setCookie = logOn.headers[values: .setCookie].joined()
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            let register = try await browser.get("/users/account/Register")
            for (id, label) in [("username", "Username"), ("email", "Email"), ("password", "Password")] {
                #expect(register.body.contains(#"<label for="\#(id)">\#(label)</label>"#))
                #expect(register.body.contains(#"id="\#(id)""#))
            }
            #expect(register.body.contains(#">Register</button>"#))
            // Anonymous pages offer "Sign in" in the header, with the way back.
            let home = try await browser.get("/packages?q=x")
            #expect(home.body.contains(#"href="/users/account/LogOn?ReturnUrl=/packages%3Fq%3Dx">Sign in</a>"#))
        }
    }

    @Test("register signs in: the header shows the name and its menu; sign out ends the session")
    func registerAndSignOut() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            let registered = try await browser.register("carol")
            #expect(registered.status == .seeOther)
            #expect(registered.headers[.location] == "/")
            let session = try #require(browser.cookies["pallet_session"])
            let cookie = registered.headers[values: .setCookie].joined()
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let home = try await browser.get("/")
            #expect(home.body.contains("<summary>carol</summary>"))
            for item in ["API Keys", "Manage Packages", "Manage Organizations", "Account Settings", "Sign out"] {
                #expect(home.body.contains(">\(item)<"), "menu item \(item)")
            }
            #expect(!home.body.contains(">Sign in</a>"))
            #expect(home.headers[.cacheControl] == "private, no-store")
            // Sign out is a POST form on every page; the old cookie no longer signs anyone in.
            let out = try await browser.post("/users/account/LogOff", [("__RequestVerificationToken", TestBrowser.token(home) ?? "")])
            #expect(out.status == .found)
            #expect(browser.cookies["pallet_session"] == nil)
            browser.cookies["pallet_session"] = session
            let after = try await browser.get("/")
            #expect(!after.body.contains("<summary>carol</summary>"))
            #expect(after.body.contains(">Sign in</a>"))
        }
    }

    @Test("a form without its token, with another session's token, or sent from another site is refused")
    func csrf() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.register("dave")
            let noToken = try await browser.post("/users/account/LogOff", [])
            #expect(noToken.status == .forbidden)
            let wrong = try await browser.post("/users/account/LogOff", [("__RequestVerificationToken", WebAccounts.randomToken())])
            #expect(wrong.status == .forbidden)
            let home = try await browser.get("/")
            var crossSite = HTTPFields()
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let forged = try await browser.post(
                "/users/account/LogOff", [("__RequestVerificationToken", TestBrowser.token(home) ?? "")], headers: crossSite)
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/").body.contains("<summary>dave</summary>"), "still signed in")
            // Anonymous: sign-in without the cookie's token is refused too.
            let stranger = TestBrowser(server)
            let anonymous = try await stranger.post("/users/account/LogOn", [("UserNameOrEmail", "dave"), ("Password", "correct horse battery")])
            #expect(anonymous.status == .forbidden)
            #expect(stranger.cookies["pallet_session"] == nil)
        }
    }

    @Test("sign-in goes back to local paths only")
    func openRedirect() async throws {
        try await withWebServer { server in
            _ = try await TestBrowser(server).register("erin")
            for (returnURL, expected) in [
                ("/packages?q=json", "/packages?q=json"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
                ("/\\evil.example", "/"), ("javascript:alert(1)", "/"),
            ] {
                let browser = TestBrowser(server)
                let page = try await browser.signIn("erin", password: "correct horse battery", returnURL: returnURL)
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == expected, "\(returnURL)")
            }
            // The form itself never echoes a foreign address.
            let form = try await TestBrowser(server).get("/users/account/LogOn?ReturnUrl=%2F%2Fevil.example")
            #expect(!form.body.contains("evil.example"))
        }
    }

    @Test("wrong passwords are refused with one sentence, then throttled with a clear message (429)")
    func throttling() async throws {
        try await withWebServer { server in
            _ = try await TestBrowser(server).register("frank")
            let browser = TestBrowser(server)
            for _ in 0..<5 {
                let page = try await browser.signIn("frank", password: "wrong password")
                #expect(page.status == .unauthorized)
                #expect(page.body.contains("The username or email and password do not match an account."))
            }
            let locked = try await browser.signIn("frank", password: "correct horse battery")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Too many failed sign-in attempts. Try again in 15 minutes."))
            #expect(locked.headers[.retryAfter] != nil)
            #expect(browser.cookies["pallet_session"] == nil)
        }
    }

    @Test("neither the password nor the session id is stored in clear")
    func nothingInClear() async throws {
        try await withWebServer { server in
            let password = "Unmistakable-Pass-42"
            let browser = TestBrowser(server)
            _ = try await browser.register("grace", password: password)
            let id = try #require(browser.cookies["pallet_session"])
            let user = try #require(try await server.gallery.store.user(named: "grace"))
            let hash = try #require(try await server.gallery.store.credentials(userKey: user.key)?.passwordHash)
            #expect(hash.hasPrefix("$2") && !hash.contains(password), "bcrypt")
            #expect(try await server.gallery.store.webSession(idHash: id) == nil)
            // Every file of the installation (the SQLite database and its journal among them).
            let files = FileManager.default.enumerator(at: server.directory, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard let data = try? Data(contentsOf: url) else { continue }
                #expect(data.range(of: Data(password.utf8)) == nil, "\(url.lastPathComponent)")
                #expect(data.range(of: Data(id.utf8)) == nil, "\(url.lastPathComponent)")
            }
        }
    }
}
