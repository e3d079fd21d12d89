import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

/// Report abuse, contact owners, contact support, policies and the `/admin` desk, through the real router.
@Suite("desk: report, contact owners, policies, /admin")
struct DeskPagesTests {
    /// A confirmed account with a password; `admin` makes it a site admin.
    static func person(_ server: WebTestServer, _ name: String, admin: Bool = false) async throws -> TestBrowser {
        let user = try await server.gallery.accounts.createUser(name: name, email: "\(name)@example.com", isSiteAdmin: admin, by: .adminCLI())
        let accounts = WebAccounts(store: server.gallery.store, clock: server.gallery.clock, hasher: BcryptPasswordHasher(cost: 4))
        try await accounts.setPassword("correct horse battery", for: user, emailConfirmed: true, by: .adminCLI())
        let browser = TestBrowser(server)
        #expect(try await browser.signIn(name, password: "correct horse battery").status == .seeOther)
        return browser
    }

    @Test("report abuse: the contract's labels for anonymous visitors; a report is queued; a bad one gets its message and stores nothing")
    func reportAbuse() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            let browser = TestBrowser(server)
            let form = try await browser.get("/packages/Acme.Lib/1.0.0/ReportAbuse")
            #expect(form.status == .ok)
            for (id, label) in [("reason", "Reason"), ("email", "Email"), ("details", "Details"),
                                ("contacted", "I have already tried to contact the owner"), ("copy", "Send me a copy")] {
                #expect(form.body.contains(#"for="\#(id)">\#(label)</label>"#), "\(label)")
            }
            #expect(form.body.contains(#"<button type="submit" class="button button-primary">Report</button>"#))
            for reason in SupportReasons.abuse where !reason.contains("'") { #expect(form.body.contains(">\(reason)</option>")) }
            let token = TestBrowser.token(form) ?? ""
            let tooLong = try await browser.post("/packages/Acme.Lib/1.0.0/ReportAbuse", [
                ("__RequestVerificationToken", token), ("Reason", "Other"), ("Email", "who@example.com"),
                ("Details", String(repeating: "x", count: 4_001)),
            ])
            #expect(tooLong.status == .badRequest && tooLong.body.contains("Details is 4001 characters long; 4000 at most."))
            #expect(try await server.gallery.store.supportRequests().isEmpty)
            let sent = try await browser.post("/packages/Acme.Lib/1.0.0/ReportAbuse", [
                ("__RequestVerificationToken", token), ("Reason", SupportReasons.abuse[0]), ("Email", "who@example.com"),
                ("Details", "<script>alert(1)</script> mines coins"), ("ContactedOwner", "on"),
            ])
            #expect(sent.status == .ok && sent.body.contains("Your report was sent to the operators"))
            let queued = try await server.gallery.store.supportRequests()
            #expect(queued.count == 1 && queued.first?.reporterEmail == "who@example.com" && queued.first?.contactedOwner == true)
            let refused = try await browser.post("/packages/Acme.Lib/1.0.0/ReportAbuse", [("Reason", "Other")])
            #expect(refused.status == .forbidden, "no CSRF token")
            #expect(try await browser.get("/packages/Acme.Lib/9.0.0/ReportAbuse").status == .notFound)
        }
    }

    @Test("owners are sent to Contact support; contact owners discloses the sender, never an owner's address")
    func ownersAndContact() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            let alice = try #require(try await server.gallery.store.user(named: "alice"))
            try await server.gallery.store.saveCredentials(UserCredentials(userKey: alice.key, passwordHash: nil, emailConfirmed: true), audit: [])
            let reader = try await Self.person(server, "reader")
            let page = try await reader.get("/packages/Acme.Lib/1.0.0/ContactOwners")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"for="message">Message</label>"#) && page.body.contains(#"for="copy">Send me a copy</label>"#))
            #expect(page.body.contains(">Send</button>") && page.body.contains("Your email address (reader@example.com) is disclosed"))
            #expect(!page.body.contains(alice.email), "the owner's address is never shown")
            #expect(page.body.contains(#"<a href="/profiles/alice">alice</a>"#))
            let sent = try await reader.post("/packages/Acme.Lib/1.0.0/ContactOwners", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Message", "Hello owners"), ("CopySender", "on"),
            ])
            #expect(sent.status == .ok && sent.body.contains("Your message was sent") && !sent.body.contains(alice.email))
            #expect(try await server.gallery.store.auditEvents(since: nil).last?.action == "owners.contacted")
            #expect(try await TestBrowser(server).get("/packages/Acme.Lib/1.0.0/ContactOwners").status == .found, "sign in first")
            #expect(try await TestBrowser(server).get("/packages/Acme.Lib/ContactOwners").headers[.location] == "/packages/Acme.Lib/1.0.0/ContactOwners")
        }
    }

    @Test("policies: Contact, Terms (with the prohibited-use list), Privacy; another name is a 404")
    func policies() async throws {
        try await withWebServer { server in
            let browser = TestBrowser(server)
            let terms = try await browser.get("/policies/Terms")
            #expect(terms.status == .ok && terms.body.contains("<h1>Terms of use</h1>") && terms.body.contains("Contains malware, adware, or any kind of spyware."))
            #expect(try await browser.get("/policies/Contact").body.contains("Report package"))
            #expect(try await browser.get("/policies/Privacy").status == .ok)
            #expect(try await browser.get("/policies/Other").status == .notFound)
            #expect(try await browser.get("/").body.contains(#"<a href="/policies/Terms">Terms of use</a>"#))
        }
    }

    @Test("everything under /admin answers 403 to anonymous visitors and to people who are not site admins")
    func adminForbidden() async throws {
        try await withWebServer { server in
            let reader = try await Self.person(server, "reader")
            for browser in [TestBrowser(server), reader] {
                for path in ["/admin", "/admin/SupportRequests", "/admin/Delete?q=x", "/admin/Reservations", "/admin/Accounts?q=a",
                             "/admin/Audit", "/admin/Audit?format=csv", "/admin/Listing", "/admin/Nothing"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .forbidden, "\(path)")
                    #expect(page.body.contains("Site administrators only"))
                }
                let token = TestBrowser.token(try await browser.get("/")) ?? ""
                for path in ["/admin/Delete", "/admin/LockPackage", "/admin/Accounts/siteadmin", "/admin/SupportRequests/1/resolve"] {
                    #expect(try await browser.post(path, [("__RequestVerificationToken", token), ("Name", "reader"), ("Grant", "true")]).status == .forbidden)
                }
            }
            #expect(try await server.gallery.store.user(named: "reader")?.isSiteAdmin == false)
        }
    }

    @Test("the admin deletes a reported version: queue, Delete tool labels, package page, flat container and audit agree")
    func adminDelete() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            try await server.push(TestPackage(id: "Acme.Lib", version: "2.0.0"))
            let admin = try await Self.person(server, "root", admin: true)
            let home = try await admin.get("/admin")
            for link in ["/admin/SupportRequests", "/admin/Delete", "/admin/Reservations", "/admin/Accounts", "/admin/Audit", "/admin/Listing"] {
                #expect(home.body.contains(#"href="\#(link)""#))
            }
            let tool = try await admin.get("/admin/Delete?q=acme.lib")
            #expect(tool.body.contains(#"for="delete-id">Package ID</label>"#) && tool.body.contains(#"for="delete-reason">Reason</label>"#))
            #expect(tool.body.contains(#"for="signature">Signature</label>"#) && tool.body.contains(">Delete</button>"))
            #expect(tool.body.contains(#"value="1.0.0"><label for="v-1">1.0.0</label>"#))
            let noReason = try await admin.post("/admin/Delete", [
                ("__RequestVerificationToken", TestBrowser.token(tool) ?? ""), ("PackageId", "Acme.Lib"), ("Versions", "1.0.0"),
                ("Reason", ""), ("Signature", "Root"),
            ])
            #expect(noReason.status == .badRequest && noReason.body.contains("Choose a reason from the list."))
            let deleted = try await admin.post("/admin/Delete", [
                ("__RequestVerificationToken", TestBrowser.token(tool) ?? ""), ("PackageId", "Acme.Lib"), ("Versions", "1.0.0"),
                ("Reason", SupportReasons.prohibitedUse[0]), ("Signature", "Root"),
            ])
            #expect(deleted.status == .ok && deleted.body.contains("Deleted Acme.Lib 1.0.0"))
            #expect(try await server.get("/v3/flat/acme.lib/1.0.0/acme.lib.1.0.0.nupkg").status == .notFound)
            let gone = try await admin.get("/packages/Acme.Lib/1.0.0")
            #expect(gone.status == .found)
            let page = try await admin.get(try #require(gone.headers[.location]))
            #expect(page.body.contains("Acme.Lib 1.0.0 was deleted by the site administrators for a policy violation."))
            // The last version too: its URL is a 404 that says why.
            _ = try await admin.post("/admin/Delete", [
                ("__RequestVerificationToken", TestBrowser.token(tool) ?? ""), ("PackageId", "Acme.Lib"), ("Versions", "2.0.0"),
                ("Reason", SupportReasons.prohibitedUse[3]), ("Signature", "Root"),
            ])
            let last = try await admin.get("/packages/Acme.Lib/2.0.0")
            #expect(last.status == .notFound && last.body.contains("Acme.Lib 2.0.0 was deleted by the site administrators for a policy violation."))
            let csv = try await admin.get("/admin/Audit?format=csv&action=package.deleted")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("sequence,time,actor,action,target,details\r\n") && csv.body.contains("\"package Acme.Lib 1.0.0\""))
            #expect(csv.body.components(separatedBy: "\r\n").count == 4, "the header and two events")
        }
    }

    @Test("lock a package from /admin: pushes are refused with a message saying so; the page says it is locked")
    func lockPackage() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            let admin = try await Self.person(server, "root", admin: true)
            let home = try await admin.get("/admin")
            let locked = try await admin.post("/admin/LockPackage", [
                ("__RequestVerificationToken", TestBrowser.token(home) ?? ""), ("PackageId", "acme.lib"), ("Lock", "true"),
            ])
            #expect(locked.status == .ok && locked.body.contains("acme.lib is locked."))
            await #expect(throws: GalleryError.packageLocked(id: "Acme.Lib")) {
                try await server.push(TestPackage(id: "Acme.Lib", version: "2.0.0"))
            }
            #expect(try await admin.get("/packages/Acme.Lib").body.contains("This package is locked by the site administrators."))
        }
    }

    @Test("the support queue: a report shows with its owners, is assigned, commented and resolved")
    func supportQueue() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            let admin = try await Self.person(server, "root", admin: true)
            let visitor = TestBrowser(server)
            let form = try await visitor.get("/packages/Acme.Lib/1.0.0/ReportAbuse")
            _ = try await visitor.post("/packages/Acme.Lib/1.0.0/ReportAbuse", [
                ("__RequestVerificationToken", TestBrowser.token(form) ?? ""), ("Reason", "Other"), ("Email", "who@example.com"), ("Details", "Squatting"),
            ])
            let key = try #require(try await server.gallery.store.supportRequests().first?.key)
            let queue = try await admin.get("/admin/SupportRequests")
            #expect(queue.body.contains("#\(key) Abuse report") && queue.body.contains(#"<a href="/profiles/alice">alice</a>"#))
            #expect(queue.body.contains(#"href="/packages/Acme.Lib/1.0.0""#))
            let token = TestBrowser.token(queue) ?? ""
            #expect(try await admin.post("/admin/SupportRequests/\(key)/assign", [("__RequestVerificationToken", token), ("Assignee", "root")]).status == .seeOther)
            #expect(try await admin.get("/admin/SupportRequests?filter=mine").body.contains("#\(key) Abuse report"))
            _ = try await admin.post("/admin/SupportRequests/\(key)/comment", [("__RequestVerificationToken", token), ("Comment", "On it")])
            _ = try await admin.post("/admin/SupportRequests/\(key)/resolve", [("__RequestVerificationToken", token), ("Resolution", "Deleted")])
            let resolved = try await admin.get("/admin/SupportRequests?filter=resolved")
            #expect(resolved.body.contains("On it") && resolved.body.contains("Deleted"))
            #expect(!(try await admin.get("/admin/SupportRequests?filter=open")).body.contains("#\(key) Abuse report"))
        }
    }
    @Test("accounts: look up by email, no secrets shown; lock refuses sign-in, site admin is granted, delete needs its box")
    func accounts() async throws {
        try await withWebServer { server in
            let admin = try await Self.person(server, "root", admin: true)
            _ = try await Self.person(server, "dana")
            let found = try await admin.get("/admin/Accounts?q=DANA@example")
            #expect(found.body.contains(#"<a href="/profiles/dana">dana</a>"#) && found.body.contains("dana@example.com"))
            #expect(!found.body.contains("pallet_"), "no key secrets")
            let token = TestBrowser.token(found) ?? ""
            #expect(try await admin.post("/admin/Accounts/lock", [("__RequestVerificationToken", token), ("Name", "dana"), ("Lock", "true")]).status == .ok)
            let refused = try await TestBrowser(server).signIn("dana", password: "correct horse battery")
            #expect(refused.status == .unauthorized && refused.body.contains("locked"))
            _ = try await admin.post("/admin/Accounts/siteadmin", [("__RequestVerificationToken", token), ("Name", "dana"), ("Grant", "true")])
            #expect(try await server.gallery.store.user(named: "dana")?.isSiteAdmin == true)
            let unconfirmed = try await admin.post("/admin/Accounts/delete", [("__RequestVerificationToken", token), ("Name", "dana")])
            #expect(unconfirmed.status == .badRequest && unconfirmed.body.contains("Tick the box to confirm deleting dana."))
            let wrongBox = try await admin.post("/admin/Accounts/delete", [("__RequestVerificationToken", token), ("Name", "dana"), ("Confirm-1", "root")])
            #expect(wrongBox.status == .badRequest, "a box confirming another account")
            let deleted = try await admin.post("/admin/Accounts/delete", [("__RequestVerificationToken", token), ("Name", "dana"), ("Confirm-9", "dana")])
            #expect(deleted.status == .ok && deleted.body.contains("The account dana was deleted."))
            #expect(try await server.gallery.store.user(named: "dana")?.isDeleted == true)
            let actions = try await server.gallery.store.auditEvents(since: nil).map(\.action)
            #expect(actions.contains("account.locked") && actions.contains("siteadmin.granted") && actions.contains("account.deleted"))
        }
    }
}
