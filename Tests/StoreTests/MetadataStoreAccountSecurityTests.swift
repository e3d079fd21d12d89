import Foundation
import Gallery
import SQLStore
import Testing

/// Sign-in failures, notification preferences and pending email changes (schema step 9).
@Suite("MetadataStore contract: account security and settings")
struct MetadataStoreAccountSecurityTests {
    @Test("sign-in failures count per key within a window, old ones are forgotten, a key is cleared alone", arguments: StoreKind.available)
    func failures(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let t0 = Fixture.now
            // Two failures at the same instant are two failures (a fixed test clock, or two nodes at once).
            try await store.recordSignInFailure(keys: ["account:ann", "address:10.0.0.1"], at: t0, forgetBefore: t0.addingTimeInterval(-900))
            try await store.recordSignInFailure(keys: ["account:ann", "address:10.0.0.1"], at: t0, forgetBefore: t0.addingTimeInterval(-900))
            try await store.recordSignInFailure(keys: ["account:ann"], at: t0.addingTimeInterval(60), forgetBefore: t0.addingTimeInterval(-840))
            #expect(try await store.signInFailures(key: "account:ann", since: t0) == [t0, t0, t0.addingTimeInterval(60)])
            #expect(try await store.signInFailures(key: "account:ann", since: t0.addingTimeInterval(1)) == [t0.addingTimeInterval(60)])
            #expect(try await store.signInFailures(key: "address:10.0.0.1", since: t0).count == 2)
            #expect(try await store.signInFailures(key: "account:bob", since: t0).isEmpty)

            try await store.clearSignInFailures(key: "account:ann")
            #expect(try await store.signInFailures(key: "account:ann", since: t0).isEmpty)
            #expect(try await store.signInFailures(key: "address:10.0.0.1", since: t0).count == 2, "other keys stay")

            // A later failure forgets everything older than its window.
            let later = t0.addingTimeInterval(3_600)
            try await store.recordSignInFailure(keys: ["account:cy"], at: later, forgetBefore: later.addingTimeInterval(-900))
            #expect(try await store.signInFailures(key: "address:10.0.0.1", since: .distantPast).isEmpty)
            #expect(try await store.signInFailures(key: "account:cy", since: .distantPast) == [later])
        }
    }

    @Test("preferences are absent until saved, then replaced, with audit", arguments: StoreKind.available)
    func preferences(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let ann = try await store.createUser(Fixture.user("ann"))
            #expect(try await store.accountPreferences(userKey: ann.key) == nil)
            let audit = AuditEvent(time: Fixture.now, actor: "ann", action: "preferences.changed", target: "user ann")
            let first = AccountPreferences(userKey: ann.key, allowsContact: false, notifyOnPublish: true)
            try await store.saveAccountPreferences(first, audit: [audit])
            #expect(try await store.accountPreferences(userKey: ann.key) == first)
            let second = AccountPreferences(userKey: ann.key, allowsContact: true, notifyOnPublish: false)
            try await store.saveAccountPreferences(second, audit: [audit])
            #expect(try await store.accountPreferences(userKey: ann.key) == second)
            #expect(try await store.auditEvents(since: nil).filter { $0.action == "preferences.changed" }.count == 2)
        }
    }

    @Test("a pending email change is taken once; a newer one replaces the account's earlier one", arguments: StoreKind.available)
    func pendingEmail(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let ann = try await store.createUser(Fixture.user("ann"))
            let expires = Fixture.now.addingTimeInterval(86_400)
            let first = PendingEmailChange(tokenHash: "h1", userKey: ann.key, newEmail: "one@example.com", expires: expires)
            let second = PendingEmailChange(tokenHash: "h2", userKey: ann.key, newEmail: "two@example.com", expires: expires)
            try await store.savePendingEmailChange(first, audit: [])
            try await store.savePendingEmailChange(second, audit: [AuditEvent(time: Fixture.now, actor: "ann", action: "email.change-requested", target: "user ann")])
            #expect(try await store.takePendingEmailChange(tokenHash: "h1") == nil, "replaced")
            #expect(try await store.takePendingEmailChange(tokenHash: "h2") == second)
            #expect(try await store.takePendingEmailChange(tokenHash: "h2") == nil, "single use")
            #expect(try await store.auditEvents(since: nil).filter { $0.action == "email.change-requested" }.count == 1)
        }
    }

    @Test("a transform request is read without taking it, taken once, replaced by a newer one, audited", arguments: StoreKind.available)
    func pendingTransform(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let ann = try await store.createUser(Fixture.user("ann"))
            let bob = try await store.createUser(Fixture.user("bob"))
            let expires = Fixture.now.addingTimeInterval(86_400)
            let audit = AuditEvent(time: Fixture.now, actor: "ann", action: "transform.requested", target: "user ann")
            let first = PendingTransform(tokenHash: "t1", userKey: ann.key, adminKey: bob.key, expires: expires)
            let second = PendingTransform(tokenHash: "t2", userKey: ann.key, adminKey: bob.key, expires: expires)
            try await store.savePendingTransform(first, audit: [audit])
            #expect(try await store.pendingTransform(tokenHash: "t1") == first)
            try await store.savePendingTransform(second, audit: [audit])
            #expect(try await store.pendingTransform(tokenHash: "t1") == nil, "replaced")
            #expect(try await store.pendingTransform(tokenHash: "t2") == second)
            #expect(try await store.takePendingTransform(tokenHash: "t2") == second)
            #expect(try await store.takePendingTransform(tokenHash: "t2") == nil, "single use")
            #expect(try await store.auditEvents(since: nil).filter { $0.action == "transform.requested" }.count == 2)
        }
    }
}
