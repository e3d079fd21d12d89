import Foundation
import Gallery
import Testing

/// `apply` and the audited writes: a change and its audit event (or dirty mark) are committed together or not at all.
@Suite("MetadataStore contract: atomic changes and audit")
struct MetadataStoreApplyTests {
    @Test("apply commits every change in order", arguments: StoreKind.available)
    func applyAll(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let org = try await store.createUser(User(name: "Contoso", email: "o@x.test", created: Fixture.now, kind: .organization))
            let alice = try await store.createUser(Fixture.user("Alice"))
            try await store.apply([
                .setMembership(Membership(organizationKey: org.key, userKey: alice.key, role: .admin)),
                .addOwner(accountKey: org.key, lowerID: "contoso.lib"),
                .markDirty(["contoso.lib"]),
                .saveReservation(PrefixReservation(pattern: "Contoso.", ownerKeys: [org.key], created: Fixture.now)),
                .audit(AuditEvent(time: Fixture.now, actor: "alice", action: "owner.added", target: "package Contoso.Lib")),
                .audit(AuditEvent(time: Fixture.now, actor: "alice", action: "prefix.reserved", target: "prefix Contoso.")),
            ])
            #expect(try await store.members(ofOrganization: org.key).map(\.userKey) == [alice.key])
            #expect(try await store.owners(ofLowerID: "contoso.lib") == [org.key])
            #expect(try await store.dirtyLowerIDs() == ["contoso.lib"])
            #expect(try await store.reservations().map(\.pattern) == ["Contoso."])
            #expect(try await store.auditEvents(since: nil).map(\.action) == ["owner.added", "prefix.reserved"])
            try await store.apply([.deleteReservation(lowerPattern: "contoso."), .removeOwner(accountKey: org.key, lowerID: "contoso.lib")])
            #expect(try await store.reservations().isEmpty)
            #expect(try await store.owners(ofLowerID: "contoso.lib").isEmpty)
        }
    }

    @Test("a change that fails rolls back the ones before it", arguments: StoreKind.available)
    func applyNone(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            var alice = try await store.createUser(Fixture.user("Alice"))
            alice.isSiteAdmin = true
            await #expect(throws: (any Error).self) {
                try await store.apply([
                    .updateUser(alice),
                    .markDirty(["contoso.lib"]),
                    .audit(AuditEvent(time: Fixture.now, actor: "root", action: "owner.added", target: "package Contoso.Lib")),
                    // No account has this key: refused like a foreign key.
                    .setMembership(Membership(organizationKey: 9_999, userKey: alice.key, role: .admin)),
                ])
            }
            #expect(try await store.user(key: alice.key)?.isSiteAdmin == false)
            #expect(try await store.dirtyLowerIDs().isEmpty)
            #expect(try await store.auditEvents(since: nil).isEmpty)
        }
    }

    @Test("publish, listing, account and key creation append their audit events in their transaction", arguments: StoreKind.available)
    func auditedWrites(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            func event(_ action: String) -> AuditEvent { AuditEvent(time: Fixture.now, actor: "alice", action: action, target: "t") }
            let alice = try await store.createUser(Fixture.user("Alice"), audit: [event("user.created")])
            _ = try await store.createAPIKey(
                APIKeyRecord(userKey: alice.key, name: "ci", secretHash: "h", scopes: [.push], created: Fixture.now),
                audit: [event("apikey.created")])
            // A refused write records nothing.
            _ = try? await store.createUser(Fixture.user("ALICE"), audit: [event("refused")])
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: alice.key)
            #expect(try await store.publishClaim(record.key, token: Fixture.lease.token, catalogEntry: Fixture.entry(record), audit: [event("package.pushed")]))
            let unlisted = try await store.updateListing(record.key, audit: [event("package.unlisted")]) { current in
                let updated = current.listing(false, at: Fixture.later(5))
                return (updated, Fixture.entry(updated, at: Fixture.later(5)))
            }
            #expect(unlisted?.listed == false && unlisted?.lastEdited == Fixture.later(5) && unlisted?.published == record.published)
            #expect(try await store.auditEvents(since: nil).map(\.action) == ["user.created", "apikey.created", "package.pushed", "package.unlisted"])
            let sequences = try await store.auditEvents(since: nil).map(\.sequence)
            #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
        }
    }

    @Test("the store writes the listing values the domain gives it (no rule of its own)", arguments: StoreKind.available)
    func listingValuesFromDomain(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            let odd = try await store.updateListing(record.key, audit: []) { current in
                var updated = current
                updated.listed = true
                updated.published = Fixture.later(42)
                updated.lastEdited = nil
                return (updated, Fixture.entry(updated, at: Fixture.later(42)))
            }
            #expect(odd?.published == Fixture.later(42) && odd?.lastEdited == nil)
            #expect(try await store.version(record.key) == odd)
        }
    }
}
