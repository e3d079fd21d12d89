import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import PalletApp
import PalletTestSupport
import Testing
@testable import WebGallery

extension TestBrowser {
    /// Posts a file as `multipart/form-data` (the upload form), bytes untouched.
    func upload(_ path: String, file: Data, fileName: String = "package.nupkg") async throws -> Page {
        let boundary = "----pallet-test-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"package\"; filename=\"\(fileName)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8) + file + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.accept: "text/html", .contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await server.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }
}

@Suite("web manage: owner requests and organization invitations by mail",
       .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct ManageMailTests {
    @Test("an owner request is mailed to the invitee alone, shown pending, accepted from Manage Packages, and announced")
    func ownerRequestAccepted() async throws {
        try await withMailingWebServer { server, smtp in
            try await server.push(TestPackage(id: "Mailed.Package", version: "1.0.0"))
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Mailed.Package/1.0.0/Manage")
            #expect(manage.body.contains(#"<label for="new-owner">Username</label>"#))
            let asked = try await alice.post("/packages/Mailed.Package/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "add-owner"), ("Username", "bob"),
                ("Message", "Please co-maintain this."),
            ])
            #expect(asked.status == .seeOther)
            let request = try #require(try await smtp.messages(atLeast: 1).first)
            #expect(request.rcptTos == ["bob@pallet.test"])
            #expect(request.header("Subject")?.contains("Package ownership request for 'Mailed.Package'") == true)
            #expect(request.body.contains("Please co-maintain this.") && request.body.contains("/account/Packages"))
            #expect(!request.data.contains("alice@pallet.test"), "the requester's address is not shown")
            // Not an owner yet; the row says pending.
            let bobKey = try #require(try await server.gallery.store.user(named: "bob")).key
            #expect(!(try await server.gallery.store.owners(ofLowerID: "mailed.package")).contains(bobKey))
            #expect(try await alice.get("/packages/Mailed.Package/1.0.0/Manage").body.contains("(pending approval, asked by alice)"))
            let bob = try await signedIn(server, "bob")
            let packages = try await bob.get("/account/Packages")
            #expect(packages.body.contains("Ownership Requests (Received)"))
            #expect(packages.body.contains(#"aria-label="Accept ownership of Mailed.Package""#))
            let accepted = try await bob.post("/account/Packages", [
                ("__RequestVerificationToken", TestBrowser.token(packages) ?? ""), ("Action", "accept"), ("PackageId", "Mailed.Package"),
                ("Account", "bob"),
            ])
            #expect(accepted.status == .ok)
            #expect(try await server.gallery.store.owners(ofLowerID: "mailed.package").contains(bobKey))
            #expect(try await server.gallery.store.ownershipRequests(ofLowerID: "mailed.package").isEmpty)
            // "accepted" goes to each owner in a message of its own.
            let all = try await smtp.messages(atLeast: 3)
            let announcements = all.filter { $0.header("Subject")?.contains("is now an owner") == true }
            #expect(Set(announcements.flatMap(\.rcptTos)) == ["alice@pallet.test", "bob@pallet.test"])
            #expect(announcements.allSatisfy { $0.rcptTos.count == 1 })
            // bob now manages it.
            #expect(try await bob.get("/packages/Mailed.Package/1.0.0/Manage").status == .ok)
            // alice removes bob: each of them is told, in a message of their own.
            let page = try await alice.get("/packages/Mailed.Package/1.0.0/Manage")
            let removed = try await alice.post("/packages/Mailed.Package/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Section", "remove-owner"), ("Username", "bob"),
            ])
            #expect(removed.status == .seeOther)
            let removals = try await smtp.messages(atLeast: 5).filter { $0.header("Subject")?.contains("no longer an owner") == true }
            #expect(Set(removals.flatMap(\.rcptTos)) == ["alice@pallet.test", "bob@pallet.test"])
            #expect(removals.allSatisfy { $0.rcptTos.count == 1 })
        }
    }

    @Test("an organization invitation is mailed; the invitee accepts and becomes a collaborator who cannot manage members")
    func invitation() async throws {
        try await withMailingWebServer { server, smtp in
            let alice = try await signedIn(server, "alice")
            let form = try await alice.get("/organization/add")
            #expect(form.body.contains(#"<label for="organization-name">Organization name</label>"#))
            let created = try await alice.post("/organization/add", [
                ("__RequestVerificationToken", TestBrowser.token(form) ?? ""), ("OrganizationName", "Fabrikam"),
                ("OrganizationEmailAddress", "team@fabrikam.test"),
            ])
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/organization/Fabrikam/ManageOrganization")
            let page = try await alice.get("/organization/Fabrikam/ManageOrganization")
            #expect(page.body.contains(#"<label for="member-role">Role</label>"#))
            let invited = try await alice.post("/organization/Fabrikam/ManageOrganization", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Action", "invite"), ("Username", "bob"), ("Role", "collaborator"),
            ])
            #expect(invited.status == .ok)
            #expect(invited.body.contains("bob <span class=\"muted\">(pending, as Collaborator)</span>"))
            let mail = try #require(try await smtp.messages(atLeast: 1).first)
            #expect(mail.rcptTos == ["bob@pallet.test"])
            #expect(mail.header("Subject")?.contains("Invitation to join the organization 'Fabrikam'") == true)
            let bob = try await signedIn(server, "bob")
            let list = try await bob.get("/account/Organizations")
            #expect(list.body.contains(#"aria-label="Accept the invitation to Fabrikam""#))
            let joined = try await bob.post("/account/Organizations", [
                ("__RequestVerificationToken", TestBrowser.token(list) ?? ""), ("Action", "accept"), ("Organization", "Fabrikam"),
            ])
            #expect(joined.body.contains("You joined Fabrikam."))
            #expect(joined.body.contains("<td>Collaborator</td>"))
            // A collaborator sees the members but has no forms, and a forged one is refused.
            let bobView = try await bob.get("/organization/Fabrikam/ManageOrganization")
            #expect(bobView.status == .ok && !bobView.body.contains("Add member") && bobView.body.contains("alice"))
            let forged = try await bob.post("/organization/Fabrikam/ManageOrganization", [
                ("__RequestVerificationToken", TestBrowser.token(bobView) ?? ""), ("Action", "remove"), ("Username", "alice"),
            ])
            #expect(forged.status == .forbidden)
            let fabrikam = try #require(try await server.gallery.store.user(named: "Fabrikam"))
            #expect(try await server.gallery.store.members(ofOrganization: fabrikam.key).count == 2)
        }
    }
}

@Suite("web manage: owner requests, organizations and upload")
struct ManageRequestsPagesTests {
    @Test("declining and cancelling an owner request change no owners; only the invitee may answer; never to oneself")
    func declineAndCancel() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Req.Package", version: "1.0.0"))
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Req.Package/1.0.0/Manage")
            let token = TestBrowser.token(manage) ?? ""
            func ask(_ name: String) async throws -> Page {
                try await alice.post("/packages/Req.Package/1.0.0/Manage", [
                    ("__RequestVerificationToken", token), ("Section", "add-owner"), ("Username", name), ("Message", ""),
                ])
            }
            let own = try await ask("alice")
            #expect(own.status == .badRequest && own.body.contains("already an owner"))
            #expect(try await ask("bob@pallet.test").body.contains("Enter a username, not an email address."))
            #expect(try await ask("nobody-here").status == .notFound)
            #expect(try await ask("bob").status == .seeOther)
            #expect(try await ask("bob").body.contains("was already asked"))
            // carol cannot answer bob's request.
            let carol = try await signedIn(server, "carol")
            let carolPage = try await carol.get("/account/Packages")
            let stolen = try await carol.post("/account/Packages", [
                ("__RequestVerificationToken", TestBrowser.token(carolPage) ?? ""), ("Action", "accept"), ("PackageId", "Req.Package"), ("Account", "bob"),
            ])
            #expect(stolen.status == .forbidden)
            let bob = try await signedIn(server, "bob")
            let bobPage = try await bob.get("/account/Packages")
            let declined = try await bob.post("/account/Packages", [
                ("__RequestVerificationToken", TestBrowser.token(bobPage) ?? ""), ("Action", "decline"), ("PackageId", "Req.Package"), ("Account", "bob"),
            ])
            #expect(declined.status == .ok && declined.body.contains("You declined"))
            #expect(try await server.gallery.store.owners(ofLowerID: "req.package").count == 1)
            // Ask again, then alice cancels from the Sent list.
            #expect(try await ask("bob").status == .seeOther)
            let sentPage = try await alice.get("/account/Packages")
            #expect(sentPage.body.contains("asked bob to become an owner"))
            let cancelled = try await alice.post("/account/Packages", [
                ("__RequestVerificationToken", TestBrowser.token(sentPage) ?? ""), ("Action", "cancel"), ("PackageId", "Req.Package"), ("Account", "bob"),
            ])
            #expect(cancelled.status == .ok)
            #expect(try await server.gallery.store.ownershipRequests(ofLowerID: "req.package").isEmpty)
            #expect(try await server.gallery.store.owners(ofLowerID: "req.package").count == 1)
            let audit = try await server.gallery.store.auditEvents(since: nil).map(\.action)
            for action in ["owner.requested", "owner.declined", "owner.request-cancelled"] { #expect(audit.contains(action), "\(action)") }
        }
    }

    @Test("organizations: roles change, never the last admin; an organization with packages cannot be deleted, an empty one can")
    func organizationRules() async throws {
        try await withWebServer { server in
            let administration = server.gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
            let alice = try await signedIn(server, "alice")
            let form = try await alice.get("/organization/add")
            let token = TestBrowser.token(form) ?? ""
            let bad = try await alice.post("/organization/add", [
                ("__RequestVerificationToken", token), ("OrganizationName", "bad name!"), ("OrganizationEmailAddress", "x@y.test"),
            ])
            #expect(bad.status == .badRequest && bad.body.contains("is not a valid username"))
            #expect(try await server.gallery.store.user(named: "bad name!") == nil)
            _ = try await alice.post("/organization/add", [
                ("__RequestVerificationToken", token), ("OrganizationName", "Northwind"), ("OrganizationEmailAddress", "nw@y.test"),
            ])
            func act(_ fields: [(String, String)]) async throws -> Page {
                try await alice.post("/organization/Northwind/ManageOrganization", [("__RequestVerificationToken", token)] + fields)
            }
            let lastAdmin = try await act([("Action", "change-role"), ("Username", "alice"), ("Role", "collaborator")])
            #expect(lastAdmin.status == .badRequest && lastAdmin.body.contains("last admin"))
            let leave = try await act([("Action", "remove"), ("Username", "alice")])
            #expect(leave.status == .badRequest)
            // bob joins (accepting directly through the domain) and becomes admin, then collaborator again.
            _ = try await act([("Action", "invite"), ("Username", "bob"), ("Role", "collaborator")])
            let bobPrincipal = try await server.gallery.authorizer.signedIn(try #require(try await server.gallery.store.user(named: "bob")))
            try await administration.answerInvitation(organizationName: "Northwind", accept: true, by: bobPrincipal)
            #expect(try await act([("Action", "change-role"), ("Username", "bob"), ("Role", "admin")]).body.contains("bob is now an Administrator."))
            // With a package, deleting is refused and says why.
            try await server.push(TestPackage(id: "Northwind.Data", version: "1.0.0"))
            let (id, _) = try PackageGallery.parse(id: "Northwind.Data", version: "1.0.0")
            try await administration.addOwner(id, accountName: "Northwind", by: .adminCLI())
            let refused = try await act([("Action", "delete")])
            #expect(refused.status == .badRequest && refused.body.contains("Remove the other members"))
            #expect(try await act([("Action", "remove"), ("Username", "bob")]).status == .ok)
            let owns = try await act([("Action", "delete")])
            #expect(owns.status == .badRequest && owns.body.contains("owns a package"))
            try await administration.removeOwner(id, accountName: "Northwind", by: .adminCLI())
            let deleted = try await act([("Action", "delete")])
            #expect(deleted.status == .ok && deleted.body.contains("The organization Northwind is deleted."))
            #expect(try await server.gallery.store.user(named: "Northwind")?.isDeleted == true)
        }
    }

    @Test("upload through the web: review, then the push pipeline publishes it (unlisted when unticked); refusals store nothing")
    func upload() async throws {
        try await withWebServer { server in
            let alice = try await signedIn(server, "alice")
            let page = try await alice.get("/packages/manage/upload")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<label for="package-file">Package file</label>"#))
            let action = try #require(page.body.firstMatch(of: /action="(\/packages\/manage\/upload\?__RequestVerificationToken=[^"]+)"/).map { String($0.output.1) })
            // Not a package: a message, nothing kept.
            let junk = try await alice.upload(action, file: Data("not a zip".utf8))
            #expect(junk.status == .badRequest)
            #expect(try await alice.get("/packages/manage/upload").body.contains("Package file"))
            // Without the token: refused.
            #expect(try await alice.upload("/packages/manage/upload", file: Data("x".utf8)).status == .forbidden)
            var package = TestPackage(id: "Uploaded.Package", version: "2.1.0")
            package.readme = "# Hello\n<script>window.pwned=1</script>"
            let uploaded = try await alice.upload(action, file: try package.data())
            #expect(uploaded.status == .seeOther)
            let review = try await alice.get("/packages/manage/upload")
            #expect(review.body.contains("<dt>Package ID</dt><dd>Uploaded.Package</dd>") && review.body.contains("<dd>2.1.0</dd>"))
            #expect(review.body.contains(#"<label for="upload-listed">List in search results</label>"#))
            #expect(review.body.contains(#"<label for="upload-owner">Package owner</label>"#))
            #expect(!review.body.contains("<script>window.pwned"))
            #expect(try await server.gallery.store.version(PackageVersionKey(lowerID: "uploaded.package", lowerVersion: "2.1.0")) == nil)
            let submitted = try await alice.post("/packages/manage/upload/submit", [
                ("__RequestVerificationToken", TestBrowser.token(review) ?? ""), ("Owner", "alice"),
            ])
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers[.location] == "/packages/Uploaded.Package/2.1.0")
            let record = try #require(try await server.gallery.store.version(PackageVersionKey(lowerID: "uploaded.package", lowerVersion: "2.1.0")))
            #expect(!record.listed && record.state == .available)
            #expect(try await server.get("/v3/flat/uploaded.package/2.1.0/uploaded.package.2.1.0.nupkg").status == .ok)
            // The same version again: the push's 409 message.
            let again = try await alice.upload(action, file: try package.data())
            #expect(again.status == .conflict)
            // bob may not upload a version of alice's package.
            let bob = try await signedIn(server, "bob")
            let bobPage = try await bob.get("/packages/manage/upload")
            let bobAction = try #require(bobPage.body.firstMatch(of: /action="(\/packages\/manage\/upload\?__RequestVerificationToken=[^"]+)"/).map { String($0.output.1) })
            let refused = try await bob.upload(bobAction, file: try TestPackage(id: "Uploaded.Package", version: "3.0.0").data())
            #expect(refused.status == .forbidden)
            // Cancel drops a pending upload.
            #expect(try await alice.upload(action, file: try TestPackage(id: "Uploaded.Package", version: "4.0.0").data()).status == .seeOther)
            let pending = try await alice.get("/packages/manage/upload")
            _ = try await alice.post("/packages/manage/upload/cancel", [("__RequestVerificationToken", TestBrowser.token(pending) ?? "")])
            #expect(try await alice.get("/packages/manage/upload").body.contains("Package file"))
            #expect(try await server.gallery.store.version(PackageVersionKey(lowerID: "uploaded.package", lowerVersion: "4.0.0")) == nil)
        }
    }
}
