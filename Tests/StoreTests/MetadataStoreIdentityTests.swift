import Foundation
import Gallery
import SQLStore
import Testing

/// Organizations, key owners and updates, owner removal, prefix reservations and the audit log.
@Suite("MetadataStore contract: identity")
struct MetadataStoreIdentityTests {
    @Test("accounts round-trip kind and deleted mark; a deleted name stays taken in every casing", arguments: StoreKind.available)
    func accountUpdates(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            var alice = try await store.createUser(Fixture.user("Alice"))
            #expect(alice.kind == .user && !alice.isDeleted)
            alice.kind = .organization
            alice.isDeleted = true
            alice.email = ""
            try await store.updateUser(alice)
            #expect(try await store.user(key: alice.key) == alice)
            await #expect { _ = try await store.createUser(Fixture.user("ALICE")) } throws: { isAlreadyExists($0) }
        }
    }

    @Test("memberships are set, re-roled, listed both ways and removed", arguments: StoreKind.available)
    func memberships(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let org = try await store.createUser(User(name: "Contoso", email: "o@x.test", created: Fixture.now, kind: .organization))
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            try await store.setMembership(Membership(organizationKey: org.key, userKey: alice.key, role: .collaborator))
            try await store.setMembership(Membership(organizationKey: org.key, userKey: alice.key, role: .admin))
            try await store.setMembership(Membership(organizationKey: org.key, userKey: bob.key, role: .collaborator))
            #expect(try await store.members(ofOrganization: org.key).map(\.role) == [.admin, .collaborator])
            #expect(try await store.memberships(ofUser: alice.key) == [Membership(organizationKey: org.key, userKey: alice.key, role: .admin)])
            try await store.removeMembership(organizationKey: org.key, userKey: alice.key)
            #expect(try await store.memberships(ofUser: alice.key).isEmpty)
            #expect(try await store.members(ofOrganization: org.key).count == 1)
        }
    }

    @Test("keys keep their owner, are listed per account, updated and found when expiring", arguments: StoreKind.available)
    func apiKeyOwnersAndUpdates(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let org = try await store.createUser(User(name: "Contoso", email: "o@x.test", created: Fixture.now, kind: .organization))
            let alice = try await store.createUser(Fixture.user("Alice"))
            var orgKey = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, ownerKey: org.key, name: "ci", secretHash: "h1", scopes: [.push],
                created: Fixture.now, expires: Fixture.later(3 * 86_400)))
            let own = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, name: "me", secretHash: "h2", scopes: [.unlist], created: Fixture.now, expires: Fixture.later(30 * 86_400)))
            #expect(try await store.apiKey(key: orgKey.key)?.ownerKey == org.key)
            #expect(own.ownerKey == alice.key)
            #expect(try await store.apiKeys(involving: alice.key).map(\.key) == [orgKey.key, own.key])
            #expect(try await store.apiKeys(involving: org.key).map(\.key) == [orgKey.key])
            #expect(try await store.apiKeysExpiring(from: Fixture.now, to: Fixture.later(7 * 86_400)).map(\.key) == [orgKey.key])
            orgKey.expiryReminderSent = true
            orgKey.secretHash = "h3"
            try await store.updateAPIKey(orgKey)
            #expect(try await store.apiKeysExpiring(from: Fixture.now, to: Fixture.later(7 * 86_400)).isEmpty)
            #expect(try await store.apiKey(secretHash: "h1") == nil)
            #expect(try await store.apiKey(secretHash: "h3") == orgKey)
        }
    }

    @Test("owners are removed and listed per account; removal marks nothing dirty by itself", arguments: StoreKind.available)
    func ownerRemoval(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            try await store.addOwner(alice.key, toLowerID: "b.lib")
            try await store.addOwner(alice.key, toLowerID: "a.lib")
            #expect(try await store.ownedLowerIDs(of: alice.key) == ["a.lib", "b.lib"])
            try await store.apply([.removeOwner(accountKey: alice.key, lowerID: "a.lib")])
            #expect(try await store.owners(ofLowerID: "a.lib").isEmpty)
            #expect(try await store.dirtyLowerIDs().isEmpty)
        }
    }

    @Test("reservations keep owners and open flag, are replaced and deleted", arguments: StoreKind.available)
    func reservations(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            let reservation = PrefixReservation(pattern: "Contoso.*", ownerKeys: [alice.key], created: Fixture.now)
            try await store.saveReservation(reservation)
            var changed = reservation
            changed.isOpen = true
            changed.ownerKeys = [bob.key, alice.key]
            try await store.saveReservation(changed)
            let stored = try await store.reservations()
            #expect(stored.count == 1)
            #expect(stored.first?.pattern == "Contoso.*" && stored.first?.isOpen == true)
            #expect(stored.first?.ownerKeys == [alice.key, bob.key].sorted())
            #expect(try await store.deleteReservation(lowerPattern: "contoso."))
            #expect(try await store.deleteReservation(lowerPattern: "contoso.") == false)
            #expect(try await store.reservations().isEmpty)
        }
    }

    @Test("audit events are appended in order and filtered by time", arguments: StoreKind.available)
    func audit(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.appendAudit(AuditEvent(time: Fixture.now, actor: "admin-cli", action: "user.created", target: "user a"))
            try await store.appendAudit(AuditEvent(time: Fixture.later(10), actor: "a/ci", action: "package.pushed", target: "package X 1.0.0", details: "d"))
            let all = try await store.auditEvents(since: nil)
            #expect(all.map(\.action) == ["user.created", "package.pushed"])
            #expect(all[1].time == Fixture.later(10) && all[1].details == "d" && all[0].sequence < all[1].sequence)
            #expect(try await store.auditEvents(since: Fixture.later(5)).map(\.actor) == ["a/ci"])
        }
    }
}
