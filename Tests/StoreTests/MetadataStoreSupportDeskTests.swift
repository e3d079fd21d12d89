import Foundation
import Gallery
import SQLStore
import Testing

/// Support requests, package locks and account flags (schema step 11).
@Suite("MetadataStore contract: support desk")
struct MetadataStoreSupportDeskTests {
    @Test("support requests round-trip with comments, update with audit, list newest first", arguments: StoreKind.available)
    func requests(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let admin = try await store.createUser(Fixture.user("admin"))
            let request = SupportRequest(
                kind: .abuse, packageID: "Acme.Lib", lowerID: "acme.lib", version: "1.0.0", reason: "Other", details: "Ünïcode \"quoted\"\nline two",
                reporterKey: nil, reporterEmail: "who@example.com", contactedOwner: true, created: Fixture.now, updated: Fixture.now)
            let event = AuditEvent(time: Fixture.now, actor: "anonymous", action: "support.reported", target: "support request #new")
            let first = try await store.createSupportRequest(request, audit: [event])
            #expect(first.key > 0)
            let second = try await store.createSupportRequest(
                SupportRequest(kind: .ownerSupport, packageID: "B", lowerID: "b", version: "2.0.0", reason: "Other", details: "d",
                               reporterKey: admin.key, reporterEmail: "a@example.com", contactedOwner: false,
                               created: Fixture.now.addingTimeInterval(60), updated: Fixture.now.addingTimeInterval(60)), audit: [])
            var expected = request
            expected.key = first.key
            #expect(try await store.supportRequest(key: first.key) == expected)
            #expect(try await store.supportRequests().map(\.key) == [second.key, first.key])
            #expect(try await store.auditEvents(since: nil).last?.target == "support request #\(first.key)")

            var changed = expected
            changed.status = .resolved
            changed.assigneeKey = admin.key
            changed.comments = [SupportComment(author: "admin", text: "Checked, \"it\" is bad.", time: Fixture.now.addingTimeInterval(120))]
            changed.resolution = "Deleted."
            changed.updated = Fixture.now.addingTimeInterval(180)
            try await store.updateSupportRequest(changed, audit: [AuditEvent(time: Fixture.now, actor: "admin", action: "support.resolved", target: "t")])
            #expect(try await store.supportRequest(key: first.key) == changed)
            #expect(try await store.supportRequest(key: 999_999) == nil)
            #expect(try await store.auditEvents(since: nil).last?.action == "support.resolved")
        }
    }

    @Test("package locks mark the id dirty; account flags default to unlocked and contactable", arguments: StoreKind.available)
    func locksAndFlags(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.isPackageLocked(lowerID: "acme.lib") == false)
            try await store.setPackageLocked(lowerID: "acme.lib", locked: true, at: Fixture.now, audit: [])
            try await store.setPackageLocked(lowerID: "acme.lib", locked: true, at: Fixture.now, audit: [])
            #expect(try await store.isPackageLocked(lowerID: "acme.lib"))
            #expect(try await store.lockedLowerIDs() == ["acme.lib"])
            #expect(try await store.dirtyLowerIDs().contains("acme.lib"))
            try await store.setPackageLocked(lowerID: "acme.lib", locked: false, at: Fixture.now, audit: [])
            #expect(try await store.lockedLowerIDs().isEmpty)

            let user = try await store.createUser(Fixture.user("Dora"))
            #expect(try await store.accountFlags(userKey: user.key) == AccountFlags(userKey: user.key))
            try await store.saveAccountFlags(AccountFlags(userKey: user.key, isLocked: true), audit: [])
            #expect(try await store.accountFlags(userKey: user.key) == AccountFlags(userKey: user.key, isLocked: true))
            try await store.saveAccountFlags(AccountFlags(userKey: user.key, isLocked: false), audit: [])
            #expect(try await store.accountFlags(userKey: user.key).isLocked == false)
        }
    }

    @Test("site admins and account lookup by part of a name or email, case-insensitively", arguments: StoreKind.available)
    func lookup(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let admin = try await store.createUser(User(name: "Root", email: "root@ops.example", isSiteAdmin: true, created: Fixture.now))
            _ = try await store.createUser(User(name: "alice", email: "alice@Example.com", created: Fixture.now))
            _ = try await store.createUser(User(name: "bob", email: "bob@other.test", created: Fixture.now))
            #expect(try await store.siteAdmins().map(\.key) == [admin.key])
            #expect(try await store.findAccounts(matching: "EXAMPLE", limit: 10).map(\.name).sorted() == ["Root", "alice"])
            #expect(try await store.findAccounts(matching: "bob", limit: 10).map(\.name) == ["bob"])
            #expect(try await store.findAccounts(matching: "o", limit: 1).count == 1)
        }
    }
}
