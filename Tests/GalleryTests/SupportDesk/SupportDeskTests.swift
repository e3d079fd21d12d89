import Foundation
import Gallery
import GalleryTestSupport
import Logging
import NuGetCore
import Testing

/// A gallery with one package, `Acme.Lib` 1.0.0 owned by `owner`, a site admin `admin`, a bystander `reader`.
struct DeskFixture {
    let tg: TestGallery
    let mailer = CapturingMailer()
    let owner: Principal, admin: Principal, reader: Principal

    static func open(operators: [String] = []) async throws -> (DeskFixture, SupportDesk) {
        let tg = try await TestGallery.open()
        let key = try await tg.userWithKey("owner")
        _ = try await tg.gallery.push(packageAt: try tg.upload(TestPackage(id: "Acme.Lib", version: "1.0.0")),
                                      by: try await tg.gallery.authenticator.authenticate(key))
        let authorizer = Authorizer(store: tg.store)
        let ownerUser = try #require(try await tg.store.user(named: "owner"))
        let admin = try await tg.store.createUser(User(name: "admin", email: "admin@pallet.test", isSiteAdmin: true, created: tg.clock.now()))
        let reader = try await tg.store.createUser(User(name: "reader", email: "reader@pallet.test", created: tg.clock.now()))
        let fixture = DeskFixture(
            tg: tg, owner: try await authorizer.signedIn(ownerUser), admin: try await authorizer.signedIn(admin),
            reader: try await authorizer.signedIn(reader))
        var logger = Logger(label: "desk-tests")
        logger.logLevel = .critical
        let desk = SupportDesk(
            store: tg.store, clock: tg.clock, mailer: fixture.mailer, operators: operators, siteName: "Pallet",
            baseURL: "http://pallet.test", logger: logger)
        return (fixture, desk)
    }

    func abuse(email: String? = "someone@example.com", reason: String = SupportReasons.abuse[0], details: String = "It mines coins.") -> SupportReport {
        SupportReport(kind: .abuse, id: "acme.lib", version: "1.0", reason: reason, details: details, email: email, contactedOwner: true, sendCopy: true)
    }
}

@Suite("support desk: reports, contact owners, the queue")
struct SupportDeskTests {
    @Test("an anonymous report is stored open, audited, mailed to the site admins with reply-to the reporter, and copied")
    func anonymousReport() async throws {
        let (f, desk) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let stored = try await desk.file(f.abuse(), by: nil)
        let queued = try #require(try await f.tg.store.supportRequest(key: stored.key))
        #expect(queued.status == .open && queued.packageID == "Acme.Lib" && queued.version == "1.0.0")
        #expect(queued.reporterKey == nil && queued.reporterEmail == "someone@example.com" && queued.contactedOwner)
        let toOperators = try #require(f.mailer.messages.first)
        #expect(toOperators.to == ["admin@pallet.test"] && toOperators.replyTo == "someone@example.com")
        #expect(toOperators.body.contains("It mines coins.") && toOperators.subject.contains("Acme.Lib"))
        #expect(f.mailer.messages.count == 2 && f.mailer.messages[1].to == ["someone@example.com"])
        let audit = try await f.tg.store.auditEvents(since: nil).last
        #expect(audit?.action == "support.reported" && audit?.target.contains("#\(stored.key)") == true)
    }

    @Test("configured operators receive reports instead of the site admins")
    func configuredOperators() async throws {
        let (f, desk) = try await DeskFixture.open(operators: ["ops@example.com", "abuse@example.com"])
        defer { Task { await f.tg.close() } }
        var report = f.abuse()
        report.sendCopy = false
        try await desk.file(report, by: f.reader)
        #expect(f.mailer.messages.map(\.to) == [["ops@example.com", "abuse@example.com"]])
        #expect(f.mailer.messages.first?.replyTo == "reader@pallet.test", "a signed-in reporter's own address")
    }

    @Test("bad reports are refused and nothing is stored", arguments: [
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "1.0.0", reason: "A bug", details: "x", email: "a@b.example"), "Choose a reason from the list."),
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "1.0.0", reason: "Other", details: "  ", email: "a@b.example"), "Details is required."),
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "1.0.0", reason: "Other", details: String(repeating: "x", count: 4_001), email: "a@b.example"),
         "Details is 4001 characters long; 4000 at most."),
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "1.0.0", reason: "Other", details: "x", email: "not an address"), "Enter a valid email address."),
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "1.0.0", reason: "Other", details: "x", email: nil), "Enter a valid email address."),
        (SupportReport(kind: .abuse, id: "Acme.Lib", version: "9.9.9", reason: "Other", details: "x", email: "a@b.example"), "There is no package Acme.Lib 9.9.9."),
        (SupportReport(kind: .ownerSupport, id: "Acme.Lib", version: "1.0.0", reason: "Other", details: "x"), "Only the owners of Acme.Lib can contact support about it."),
    ])
    func refusals(report: SupportReport, message: String) async throws {
        let (f, desk) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        await #expect(throws: GalleryError.self) { try await desk.file(report, by: nil) }
        do { try await desk.file(report, by: nil) } catch let error as GalleryError { #expect(error.message == message) }
        #expect(try await f.tg.store.supportRequests().isEmpty)
        #expect(f.mailer.messages.isEmpty)
    }

    @Test("owners cannot report their own package; they reach support with the owner reasons")
    func ownerSupport() async throws {
        let (f, desk) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        await #expect(throws: GalleryError.forbidden("You own Acme.Lib: use Contact support instead of reporting your own package.")) {
            try await desk.file(f.abuse(), by: f.owner)
        }
        let request = try await desk.file(SupportReport(
            kind: .ownerSupport, id: "Acme.Lib", version: "1.0.0", reason: SupportReasons.ownerSupport[1], details: "Pushed by mistake."), by: f.owner)
        #expect(request.kind == .ownerSupport && request.reporterKey == f.owner.user.key)
        #expect(f.mailer.messages.first?.subject == "[Pallet] Owner support request for 'Acme.Lib' version 1.0.0")
    }

    @Test("contact owners mails only owners who allow contact, reply-to the sender, never an owner's address to the sender")
    func contactOwners() async throws {
        let (f, desk) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let second = try await f.tg.store.createUser(User(name: "quiet", email: "quiet@pallet.test", created: f.tg.clock.now()))
        try await f.tg.store.apply([.addOwner(accountKey: second.key, lowerID: "acme.lib")])
        let quiet = try await Authorizer(store: f.tg.store).signedIn(second)
        try await desk.setAllowsContact(false, by: quiet)
        #expect(try await desk.contactableOwners(lowerID: "acme.lib") == ContactableOwners(owners: ["owner", "quiet"], reachable: ["owner"]))
        let count = try await desk.contactOwners(id: "Acme.Lib", version: "1.0.0", message: "Hello!", sendCopy: true, confirmed: true, by: f.reader)
        #expect(count == 1)
        #expect(f.mailer.messages.count == 2)
        #expect(f.mailer.messages[0].to == ["owner@pallet.test"] && f.mailer.messages[0].replyTo == "reader@pallet.test")
        let copy = f.mailer.messages[1]
        #expect(copy.to == ["reader@pallet.test"] && !copy.body.contains("owner@pallet.test") && copy.replyTo == nil)
        await #expect(throws: GalleryError.forbidden("Confirm your email address before contacting owners.")) {
            try await desk.contactOwners(id: "Acme.Lib", version: "1.0.0", message: "Hi", sendCopy: false, confirmed: false, by: f.reader)
        }
        try await desk.setAllowsContact(false, by: f.owner)
        await #expect(throws: GalleryError.badRequest("No owner of Acme.Lib accepts messages; try the project's website instead.")) {
            try await desk.contactOwners(id: "Acme.Lib", version: "1.0.0", message: "Hi", sendCopy: false, confirmed: true, by: f.reader)
        }
    }

    @Test("the queue: site admins only; assign, comment, resolve, reopen, each audited; filters open, mine, resolved")
    func queue() async throws {
        let (f, desk) = try await DeskFixture.open()
        defer { Task { await f.tg.close() } }
        let first = try await desk.file(f.abuse(), by: nil)
        let second = try await desk.file(f.abuse(details: "Squats the name."), by: f.reader)
        await #expect(throws: GalleryError.siteAdminRequired(action: "administer accounts")) { try await desk.requests(.open, by: f.reader) }
        await #expect(throws: GalleryError.siteAdminRequired(action: "administer accounts")) { try await desk.resolve(first.key, resolution: "x", by: f.owner) }
        #expect(try await desk.requests(.open, by: f.admin).map(\.key) == [second.key, first.key])
        try await desk.assign(first.key, to: "admin", by: f.admin)
        await #expect(throws: GalleryError.badRequest("'reader' is not a site admin.")) { try await desk.assign(first.key, to: "reader", by: f.admin) }
        #expect(try await desk.requests(.mine, by: f.admin).map(\.key) == [first.key])
        try await desk.comment(first.key, text: "Looking at it.", by: f.admin)
        try await desk.resolve(first.key, resolution: "Deleted 1.0.0.", by: f.admin)
        let resolved = try #require(try await f.tg.store.supportRequest(key: first.key))
        #expect(resolved.status == .resolved && resolved.resolution == "Deleted 1.0.0." && resolved.comments.map(\.text) == ["Looking at it."])
        #expect(try await desk.requests(.resolved, by: f.admin).map(\.key) == [first.key])
        #expect(try await desk.requests(.open, by: f.admin).map(\.key) == [second.key])
        try await desk.resolve(first.key, resolution: nil, by: f.admin)
        #expect(try await f.tg.store.supportRequest(key: first.key)?.status == .open)
        let actions = try await f.tg.store.auditEvents(since: nil).map(\.action).filter { $0.hasPrefix("support.") }
        #expect(actions == ["support.reported", "support.reported", "support.assigned", "support.commented", "support.resolved", "support.reopened"])
    }
}
