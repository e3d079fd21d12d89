import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Logging
import PalletTestSupport
import Testing
@testable import WebGallery

@Suite("web accounts: delete account")
struct AccountDeletePagesTests {
    @Test("the page lists the consequences and sole-owned packages; deleting signs out everywhere and keeps the packages")
    func deleteAccount() async throws {
        try await withWebServer { server in
            let pat = try await APIKeyPagesTests.confirmedUser(server, "pat")
            let key = try await server.gallery.accounts.createAPIKey(userName: "pat", name: "k", scopes: [.push], by: .adminCLI())
            let url = try TestPackage(id: "Pat.Tool", version: "1.0.0").write(to: server.directory)
            _ = try await server.gallery.push(packageAt: url.path, by: try await server.gallery.authenticator.authenticate(key.secret))
            let browser = TestBrowser(server), elsewhere = TestBrowser(server)
            _ = try await browser.signIn("pat", password: "correct horse battery")
            _ = try await elsewhere.signIn("pat", password: "correct horse battery")
            let page = try await browser.get("/account/delete")
            #expect(page.status == .ok)
            #expect(page.body.contains("The packages are <strong>not</strong> deleted"))
            #expect(page.body.contains("Every API key of the account, and every key acting for it, is revoked."))
            #expect(page.body.contains(#"<a href="/packages/pat.tool">pat.tool</a>"#), "sole-owned packages listed")
            #expect(page.body.contains(#"<label for="understand">I understand that deleting my account cannot be undone</label>"#))

            let unticked = try await browser.post("/account/delete", [("__RequestVerificationToken", TestBrowser.token(page) ?? "")])
            #expect(unticked.status == .badRequest && unticked.body.contains("Tick the box"))
            #expect(try await server.gallery.store.user(key: pat.key)?.isDeleted == false)

            let done = try await browser.post("/account/delete", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Understand", "on"),
            ])
            #expect(done.status == .ok && done.body.contains("Your account is deleted"))
            #expect(browser.cookies["pallet_session"] == nil)
            #expect(try await elsewhere.get("/account").status == .found, "every session ended")
            #expect(try await server.gallery.store.user(key: pat.key)?.isDeleted == true)
            #expect(try await server.get("/packages/Pat.Tool/1.0.0").status == .ok, "the package stays")
            #expect(try await TestBrowser(server).signIn("pat", password: "correct horse battery").status == .unauthorized)
            await #expect(throws: GalleryError.self) { _ = try await server.gallery.authenticator.authenticate(key.secret) }
        }
    }

    @Test("refused while the account is the last admin of an organization, with a message")
    func lastAdmin() async throws {
        try await withWebServer { server in
            _ = try await APIKeyPagesTests.confirmedUser(server, "uma")
            let administration = server.gallery.administration(mailer: LogMailer(logger: Logger(label: "test")))
            _ = try await administration.createOrganization(name: "UmaOrg", adminName: "uma", by: .adminCLI())
            let browser = TestBrowser(server)
            _ = try await browser.signIn("uma", password: "correct horse battery")
            let page = try await browser.get("/account/delete")
            #expect(page.body.contains("You are the last administrator of UmaOrg."))
            #expect(!page.body.contains(#"action="/account/delete""#), "no form to submit")
            let forced = try await browser.post("/account/delete", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Understand", "on"),
            ])
            #expect(forced.status == .badRequest)
            #expect(forced.body.contains("&#39;uma&#39; is the last admin of &#39;UmaOrg&#39;") || forced.body.contains("is the last admin of"))
            #expect(try await server.gallery.store.user(named: "uma")?.isDeleted == false)
        }
    }
}

@Suite("web accounts: transform into an organization through SMTP",
       .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct AccountTransformPagesTests {
    @Test("the named admin accepts by the mailed link; another account cannot; the old account is signed out")
    func transform() async throws {
        try await withMailingWebServer { server, smtp in
            _ = try await APIKeyPagesTests.confirmedUser(server, "quin")
            _ = try await APIKeyPagesTests.confirmedUser(server, "rae")
            _ = try await APIKeyPagesTests.confirmedUser(server, "sid")
            let quin = TestBrowser(server)
            _ = try await quin.signIn("quin", password: "correct horse battery")
            let page = try await quin.get("/account/transform")
            #expect(page.body.contains(#"<label for="admin-name">Administrator username</label>"#))
            let selfAdmin = try await quin.post("/account/transform", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("AdminUsername", "quin"),
            ])
            #expect(selfAdmin.status == .badRequest && selfAdmin.body.contains("The administrator must be another account"))
            let sent = try await quin.post("/account/transform", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("AdminUsername", "rae"),
            ])
            #expect(sent.status == .ok && sent.body.contains("We mailed rae a link to accept."))
            let mail = try #require(try await smtp.messages(atLeast: 1).last)
            #expect(mail.rcptTos == ["rae@example.com"])
            let path = try mailedPath(mail, "/account/transform/confirm?")
            #expect(try await server.gallery.store.user(named: "quin")?.kind == .user, "nothing changes before the admin accepts")

            let sid = TestBrowser(server)
            _ = try await sid.signIn("sid", password: "correct horse battery")
            #expect(try await sid.get(path).status == .badRequest, "meant for another account")

            let rae = TestBrowser(server)
            _ = try await rae.signIn("rae", password: "correct horse battery")
            let confirm = try await rae.get(path)
            #expect(confirm.status == .ok && confirm.body.contains(">Accept</button>"))
            let token = String(path.split(separator: "=", maxSplits: 1)[1])
            let accepted = try await rae.post("/account/transform/confirm", [
                ("__RequestVerificationToken", TestBrowser.token(confirm) ?? ""), ("Token", token),
            ])
            #expect(accepted.status == .ok && accepted.body.contains("quin is now an organization"))
            let organization = try #require(try await server.gallery.store.user(named: "quin"))
            #expect(organization.kind == .organization)
            let raeKey = try #require(try await server.gallery.store.user(named: "rae")).key
            #expect(try await server.gallery.store.members(ofOrganization: organization.key).contains { $0.userKey == raeKey && $0.role == .admin })
            #expect(try await quin.get("/account").status == .found, "the old account is signed out")
            let again = try await rae.post("/account/transform/confirm", [
                ("__RequestVerificationToken", TestBrowser.token(confirm) ?? ""), ("Token", token),
            ])
            #expect(again.status == .badRequest, "single use")
        }
    }
}
