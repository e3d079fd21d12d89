import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

@Suite("web accounts: the API keys page")
struct APIKeyPagesTests {
    /// A confirmed account with a password, as `pallet admin create-user --password-stdin` makes it.
    static func confirmedUser(_ server: WebTestServer, _ name: String) async throws -> User {
        let user = try await server.gallery.accounts.createUser(name: name, email: "\(name)@example.com", by: .adminCLI())
        let accounts = WebAccounts(store: server.gallery.store, clock: server.gallery.clock, hasher: BcryptPasswordHasher(cost: 4))
        try await accounts.setPassword("correct horse battery", for: user, emailConfirmed: true, by: .adminCLI())
        return user
    }

    @Test("signed out, the page sends to sign in and back")
    func signInFirst() async throws {
        try await withWebServer { server in
            let page = try await TestBrowser(server).get("/account/apikeys")
            #expect(page.status == .found)
            #expect(page.headers[.location] == "/users/account/LogOn?ReturnUrl=/account/apikeys")
        }
    }

    @Test("create a scoped key: the contract's labels, the secret shown once, the list, and the key pushes")
    func createAndPush() async throws {
        try await withWebServer { server in
            _ = try await Self.confirmedUser(server, "hank")
            let browser = TestBrowser(server)
            #expect(try await browser.signIn("hank", password: "correct horse battery").status == .seeOther)
            let page = try await browser.get("/account/apikeys")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<h2 id="create-heading">Create</h2>"#) && page.body.contains(#"<h2 id="manage-heading">Manage</h2>"#))
            for (id, label) in [
                ("key-name", "Key name"), ("expires", "Expires in"), ("owner", "Package owner"), ("scope-push", "Push"),
                ("push-new", "Push new packages and package versions"), ("push-versions", "Push only new package versions"),
                ("scope-unlist", "Unlist package"), ("glob", "Glob pattern"),
            ] {
                #expect(page.body.contains(#"for="\#(id)">\#(label)</label>"#), "\(label)")
                #expect(page.body.contains(#"id="\#(id)""#))
            }
            #expect(page.body.contains(">Create</button>"))
            let created = try await browser.post("/account/apikeys", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Name", "ci"), ("ExpiresInDays", "30"),
                ("Owner", "hank"), ("Push", "on"), ("PushKind", "push"), ("GlobPattern", "Hank.*"),
            ])
            #expect(created.status == .ok)
            let secret = try #require(created.body.firstMatch(of: /pallet_[A-Za-z0-9_\-]+/).map { String($0.output) })
            #expect(created.body.contains("Active") && created.body.contains("Hank.*"))
            #expect(created.body.contains("Push new packages and package versions"))
            // Shown once: the next visit lists the key without its secret.
            #expect(!(try await browser.get("/account/apikeys")).body.contains(secret))
            // The key pushes over the NuGet API as hank (HTTP, as nuget.exe does).
            let principal = try await server.gallery.authenticator.authenticate(secret)
            #expect(principal.user.name == "hank")
            let url = try TestPackage(id: "Hank.Tools", version: "1.0.0").write(to: server.directory)
            _ = try await server.gallery.push(packageAt: url.path, by: principal)
            // Now the package has a checkbox labelled with its id; revoke ends the key.
            let again = try await browser.get("/account/apikeys")
            #expect(again.body.contains(#"value="Hank.Tools"> <label for="package-0">Hank.Tools</label>"#))
            let keyNumber = try #require(again.body.firstMatch(of: /name="Key" value="(\d+)"/).map { String($0.output.1) })
            let revoked = try await browser.post("/account/apikeys/revoke", [
                ("__RequestVerificationToken", TestBrowser.token(again) ?? ""), ("Key", keyNumber),
            ])
            #expect(revoked.status == .seeOther)
            #expect(try await browser.get("/account/apikeys").body.contains("Revoked"))
            await #expect(throws: GalleryError.self) { try await server.gallery.authenticator.authenticate(secret) }
        }
    }

    @Test("an unconfirmed account cannot create keys; another person's key cannot be revoked")
    func refusals() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.register("ivy")
            let page = try await browser.get("/account/apikeys")
            #expect(page.body.contains("Confirm your email address before creating API keys"))
            let refused = try await browser.post("/account/apikeys", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Name", "x"), ("Push", "on"),
            ])
            #expect(refused.status == .badRequest)
            #expect(!refused.body.contains("pallet_"))
            // alice's key (the harness's) is not ivy's to revoke.
            let alice = try await server.gallery.authenticator.authenticate(server.apiKey)
            let key = try #require(alice.apiKey)
            let other = try await browser.post("/account/apikeys/revoke", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Key", String(key.key)),
            ])
            #expect(other.status == .badRequest)
            _ = try await server.gallery.authenticator.authenticate(server.apiKey)
        }
    }
}
