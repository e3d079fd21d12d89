import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Logging
import Testing
@testable import WebGallery

/// A browser signed in as an existing account (the harness's `alice` or `bob`, or a new one), password set by the admin CLI.
func signedIn(_ server: WebTestServer, _ name: String) async throws -> TestBrowser {
    let user: User
    if let existing = try await server.gallery.store.user(named: name) {
        user = existing
    } else {
        user = try await server.gallery.accounts.createUser(name: name, email: "\(name)@example.com", by: .adminCLI())
    }
    let accounts = WebAccounts(store: server.gallery.store, clock: server.gallery.clock, hasher: BcryptPasswordHasher(cost: 4))
    try await accounts.setPassword("correct horse battery", for: user, emailConfirmed: true, by: .adminCLI())
    let browser = TestBrowser(server)
    #expect(try await browser.signIn(name, password: "correct horse battery").status == .seeOther)
    return browser
}

@Suite("web manage: the Manage page")
struct ManagePagesTests {
    @Test("Delete leads to Manage; Listing unlists a version: gone from search, still downloadable, marked for owners only")
    func unlistWalkthrough() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Walk.Through", version: "3.0.0"))
            try await server.push(TestPackage(id: "Walk.Through", version: "3.0.1"))
            let alice = try await signedIn(server, "alice")
            let delete = try await alice.get("/packages/Walk.Through/3.0.1/Delete")
            #expect(delete.status == .found)
            #expect(delete.headers[.location] == "/packages/Walk.Through/3.0.1/Manage#listing")
            let manage = try await alice.get("/packages/Walk.Through/3.0.1/Manage")
            #expect(manage.status == .ok)
            for heading in ["Owners", "Deprecation", "Listing", "Documentation"] {
                #expect(manage.body.contains(">\(heading)</h2>"), "\(heading)")
            }
            #expect(manage.body.contains(#"<label for="listing-version">Version</label>"#))
            #expect(manage.body.contains(#"id="listed" name="Listed" type="checkbox" value="true" checked"#))
            #expect(manage.body.contains(#"<label for="listed">List in search results</label>"#))
            #expect(manage.body.contains(#"<option value="3.0.1" selected>3.0.1</option>"#))
            // Untick "List in search results" and Save (an unticked checkbox is absent from the form).
            let saved = try await alice.post("/packages/Walk.Through/3.0.1/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "listing"), ("Version", "3.0.1"),
            ])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/packages/Walk.Through/3.0.1/Manage?done=unlisted")
            let record = try #require(try await server.gallery.store.version(PackageVersionKey(lowerID: "walk.through", lowerVersion: "3.0.1")))
            #expect(!record.listed)
            let after = try await alice.get("/packages/Walk.Through/3.0.1/Manage?done=unlisted")
            #expect(after.body.contains("The version is unlisted"))
            #expect(!after.body.contains(#"name="Listed" type="checkbox" value="true" checked"#))
            // Search shows the package at 3.0.0 only; the exact version still downloads.
            let search = try await server.get("/v3/query?q=Walk.Through")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(search.body.utf8)) as? [String: Any])
            let hit = try #require((json["data"] as? [[String: Any]])?.first)
            #expect(hit["version"] as? String == "3.0.0")
            #expect((hit["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["3.0.0"])
            #expect(try await server.get("/v3/flat/walk.through/3.0.1/walk.through.3.0.1.nupkg").status == .ok)
            // The owner sees the unlisted row and the Manage link; a visitor does not.
            let ownerView = try await alice.get("/packages/Walk.Through")
            #expect(ownerView.body.contains(#">3.0.1</a> <span class="chip">unlisted</span>"#))
            #expect(ownerView.body.contains(#"href="/packages/Walk.Through/3.0.0/Manage">Manage package</a>"#))
            let visitorView = try await server.get("/packages/Walk.Through")
            #expect(!visitorView.body.contains(">3.0.1</a>") && !visitorView.body.contains("Manage package"))
            // Relist with the box ticked.
            let relisted = try await alice.post("/packages/Walk.Through/3.0.1/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "listing"), ("Version", "3.0.1"), ("Listed", "true"),
            ])
            #expect(relisted.headers[.location] == "/packages/Walk.Through/3.0.1/Manage?done=listed")
            #expect(try await server.gallery.store.version(record.key)?.listed == true)
        }
    }

    @Test("another person's Manage page is 403 and its forms change nothing; signed out goes to sign in; unknown is 404")
    func refusals() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Alices.Package", version: "1.0.0"))
            let signedOut = try await TestBrowser(server).get("/packages/Alices.Package/1.0.0/Manage")
            #expect(signedOut.status == .found)
            #expect(signedOut.headers[.location] == "/users/account/LogOn?ReturnUrl=/packages/Alices.Package/1.0.0/Manage")
            let bob = try await signedIn(server, "bob")
            let page = try await bob.get("/packages/Alices.Package/1.0.0/Manage")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("You cannot manage this package"))
            #expect(!page.body.contains("List in search results"))
            let home = try await bob.get("/")
            let posted = try await bob.post("/packages/Alices.Package/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(home) ?? ""), ("Section", "listing"), ("Version", "1.0.0"),
            ])
            #expect(posted.status == .forbidden)
            #expect(try await server.gallery.store.version(PackageVersionKey(lowerID: "alices.package", lowerVersion: "1.0.0"))?.listed == true)
            // Without the CSRF token, even the owner's form is refused.
            let alice = try await signedIn(server, "alice")
            let forged = try await alice.post("/packages/Alices.Package/1.0.0/Manage", [("Section", "listing"), ("Version", "1.0.0")])
            #expect(forged.status == .forbidden)
            #expect(try await server.gallery.store.version(PackageVersionKey(lowerID: "alices.package", lowerVersion: "1.0.0"))?.listed == true)
            #expect(try await alice.get("/packages/No.Such.Package/1.0.0/Manage").status == .notFound)
            #expect(try await alice.get("/packages/Alices.Package/9.9.9/Manage").status == .notFound)
        }
    }

    @Test("Deprecation saves through the domain's rules; a missing alternate is a field message and nothing is stored")
    func deprecation() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Old.Thing", version: "1.0.0"))
            try await server.push(TestPackage(id: "New.Thing", version: "2.0.0"))
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Old.Thing/1.0.0/Manage")
            for (id, label) in [("alternate-id", "Alternate package"), ("deprecation-message", "Custom message"), ("reason-legacy", "Legacy")] {
                #expect(manage.body.contains(#"<label for="\#(id)">\#(label)"#), "\(label)")
            }
            let token = TestBrowser.token(manage) ?? ""
            let refused = try await alice.post("/packages/Old.Thing/1.0.0/Manage", [
                ("__RequestVerificationToken", token), ("Section", "deprecation"), ("Versions", "1.0.0"), ("Reasons", "Legacy"),
                ("AlternatePackageId", "Missing.Thing"),
            ])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("The alternate package &#39;Missing.Thing&#39; was not found.")
                    || refused.body.contains("The alternate package 'Missing.Thing' was not found."))
            let key = PackageVersionKey(lowerID: "old.thing", lowerVersion: "1.0.0")
            #expect(try await server.gallery.store.version(key)?.deprecation == nil)
            let saved = try await alice.post("/packages/Old.Thing/1.0.0/Manage", [
                ("__RequestVerificationToken", token), ("Section", "deprecation"), ("Versions", "1.0.0"), ("Reasons", "Legacy"),
                ("Reasons", "Other"), ("AlternatePackageId", "New.Thing"), ("Message", "Use New.Thing"),
            ])
            #expect(saved.status == .seeOther)
            let deprecation = try #require(try await server.gallery.store.version(key)?.deprecation)
            #expect(deprecation.reasons == ["Legacy", "Other"] && deprecation.alternatePackageID == "New.Thing")
            #expect(deprecation.message == "Use New.Thing")
            let none = try await alice.post("/packages/Old.Thing/1.0.0/Manage", [
                ("__RequestVerificationToken", token), ("Section", "deprecation"), ("Reasons", "Legacy"),
            ])
            #expect(none.status == .badRequest)
            // No reason at all un-deprecates.
            _ = try await alice.post("/packages/Old.Thing/1.0.0/Manage", [
                ("__RequestVerificationToken", token), ("Section", "deprecation"), ("Versions", "1.0.0"),
            ])
            #expect(try await server.gallery.store.version(key)?.deprecation == nil)
        }
    }

    @Test("Owners: remove one of two owners; the last owner has no Remove button and cannot be removed")
    func owners() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Shared.Package", version: "1.0.0"))
            let administration = server.gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
            let (id, _) = try PackageGallery.parse(id: "Shared.Package", version: "1.0.0")
            try await administration.addOwner(id, accountName: "bob", by: .adminCLI())
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Shared.Package/1.0.0/Manage")
            #expect(manage.body.contains(#"aria-label="Remove bob as owner of Shared.Package""#))
            #expect(manage.body.contains("(that&#39;s you)") || manage.body.contains("(that's you)"))
            let removed = try await alice.post("/packages/Shared.Package/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "remove-owner"), ("Username", "bob"),
            ])
            #expect(removed.status == .seeOther)
            let bobKey = try #require(try await server.gallery.store.user(named: "bob")).key
            #expect(!(try await server.gallery.store.owners(ofLowerID: "shared.package")).contains(bobKey))
            let alone = try await alice.get("/packages/Shared.Package/1.0.0/Manage?done=owner-removed")
            #expect(!alone.body.contains("aria-label=\"Remove"))
            #expect(alone.body.contains("A package always keeps at least one owner."))
            let last = try await alice.post("/packages/Shared.Package/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(alone) ?? ""), ("Section", "remove-owner"), ("Username", "alice"),
            ])
            #expect(last.status == .badRequest)
            #expect(try await server.gallery.store.owners(ofLowerID: "shared.package").count == 1)
        }
    }

    @Test("an organization's collaborator manages its package's versions but not its owners")
    func collaborator() async throws {
        try await withWebServer { server in
            let administration = server.gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
            _ = try await administration.createOrganization(name: "Contoso", adminName: "alice", by: .adminCLI())
            try await server.push(TestPackage(id: "Contoso.Lib", version: "1.0.0"))
            let (id, _) = try PackageGallery.parse(id: "Contoso.Lib", version: "1.0.0")
            try await administration.addOwner(id, accountName: "Contoso", by: .adminCLI())
            try await administration.removeOwner(id, accountName: "alice", by: .adminCLI())
            _ = try await server.gallery.accounts.createUser(name: "carol", email: "carol@example.com", by: .adminCLI())
            try await administration.addMember(organizationName: "Contoso", userName: "carol", role: .collaborator, by: .adminCLI())
            let carol = try await signedIn(server, "carol")
            let manage = try await carol.get("/packages/Contoso.Lib/1.0.0/Manage")
            #expect(manage.status == .ok)
            #expect(manage.body.contains("(your organization)"))
            #expect(manage.body.contains("collaborators manage the package&#39;s versions") || manage.body.contains("collaborators manage the package's versions"))
            let unlisted = try await carol.post("/packages/Contoso.Lib/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "listing"), ("Version", "1.0.0"),
            ])
            #expect(unlisted.status == .seeOther)
            #expect(try await server.gallery.store.version(PackageVersionKey(lowerID: "contoso.lib", lowerVersion: "1.0.0"))?.listed == false)
            let removal = try await carol.post("/packages/Contoso.Lib/1.0.0/Manage", [
                ("__RequestVerificationToken", TestBrowser.token(manage) ?? ""), ("Section", "remove-owner"), ("Username", "Contoso"),
            ])
            #expect(removal.status == .forbidden)
            #expect(try await server.gallery.store.owners(ofLowerID: "contoso.lib").count == 1)
            // Manage Packages lists it under the organization, all versions unlisted.
            let packages = try await carol.get("/account/Packages")
            #expect(packages.status == .ok)
            #expect(packages.body.contains("Contoso <span class=\"chip\">Collaborator</span>"))
            #expect(packages.body.contains(#"<a href="/packages/Contoso.Lib">Contoso.Lib</a>"#))
            #expect(packages.body.contains("<h3>Unlisted Packages</h3>"))
        }
    }
}
