import Foundation
import Gallery
import SQLStore
import Testing

/// Claiming version numbers: the unique key decides, pending rows stay invisible.
@Suite("MetadataStore contract: claims")
struct MetadataStoreClaimTests {
    @Test("a claim stores a pending row that round-trips exactly", arguments: StoreKind.available)
    func claimRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { (store, _) async throws in
            var record = Fixture.record()
            record.state = .available  // the store must force pending whatever the caller passes
            #expect(try await store.claimVersion(record, owner: nil) == .claimed)
            var expected = record
            expected.state = .pending
            #expect(try await store.version(record.key) == expected)
        }
    }

    @Test(
        "a second claim of the same lower id and normalized version is refused",
        arguments: StoreKind.available, [("Contoso.Utils", "1.0.0"), ("CONTOSO.UTILS", "1.0.0"), ("contoso.utils", "1.0.0+build.7")]
    )
    func duplicateClaim(kind: StoreKind, again: (id: String, version: String)) async throws {
        try await withStore(kind) { (store, _) async throws in
            #expect(try await store.claimVersion(Fixture.record(), owner: nil) == .claimed)
            #expect(try await store.claimVersion(Fixture.record(again.id, again.version), owner: nil) == .alreadyExists)
        }
    }

    @Test("lowercase of a prerelease label makes the same key", arguments: StoreKind.available)
    func prereleaseCase(kind: StoreKind) async throws {
        try await withStore(kind) { (store, _) async throws in
            #expect(try await store.claimVersion(Fixture.record("A", "1.0.0-Beta"), owner: nil) == .claimed)
            #expect(try await store.claimVersion(Fixture.record("a", "1.0.0-beta"), owner: nil) == .alreadyExists)
            #expect(try await store.claimVersion(Fixture.record("a", "1.0.0-beta.2"), owner: nil) == .claimed)
        }
    }

    @Test("pending versions are invisible to versions(ofLowerID:) and allAvailableVersions", arguments: StoreKind.available)
    func pendingInvisible(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.claimVersion(Fixture.record(), owner: nil)
            #expect(try await store.versions(ofLowerID: "contoso.utils").isEmpty)
            #expect(try await store.allAvailableVersions().isEmpty)
            #expect(try await store.dirtyLowerIDs().isEmpty)
            #expect(try await store.catalogCount() == 0)
        }
    }

    @Test("the first claim of a new id records its owner; later claims do not add owners", arguments: StoreKind.available)
    func firstClaimOwner(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            _ = try await store.claimVersion(Fixture.record("Contoso.Utils", "1.0.0"), owner: alice.key)
            _ = try await store.claimVersion(Fixture.record("Contoso.Utils", "2.0.0"), owner: bob.key)
            #expect(try await store.owners(ofLowerID: "contoso.utils") == [alice.key])
        }
    }

    @Test("abandoning a claim frees the number and a new id's ownership", arguments: StoreKind.available)
    func abandonFrees(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: alice.key)
            try await store.abandonClaim(record.key, token: Fixture.lease.token)
            #expect(try await store.version(record.key) == nil)
            #expect(try await store.owners(ofLowerID: record.lowerID).isEmpty)
            #expect(try await store.claimVersion(record, owner: bob.key) == .claimed)
            #expect(try await store.owners(ofLowerID: record.lowerID) == [bob.key])
        }
    }

    @Test("abandonClaim leaves an available version alone", arguments: StoreKind.available)
    func abandonAvailable(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            try await store.abandonClaim(record.key, token: Fixture.lease.token)
            #expect(try await store.version(record.key)?.state == .available)
        }
    }

    @Test("pendingClaims returns only pending rows whose lease lapsed before the date, with their lease", arguments: StoreKind.available)
    func pendingClaims(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let old = Fixture.record("Old", "1.0.0")
            let fresh = Fixture.record("Fresh", "1.0.0")
            let published = Fixture.record("Done", "1.0.0")
            let oldLease = ClaimLease(token: "old", expires: Fixture.later(30))
            _ = try await store.claimVersion(old, owner: nil, lease: oldLease, now: Fixture.now)
            _ = try await store.claimVersion(fresh, owner: nil, lease: ClaimLease(token: "fresh", expires: Fixture.later(600)), now: Fixture.now)
            _ = try await store.claimVersion(published, owner: nil, lease: ClaimLease(token: "done", expires: Fixture.later(30)), now: Fixture.now)
            #expect(try await store.publishClaim(published.key, token: "done", catalogEntry: Fixture.entry(published), audit: []))
            let stale = try await store.pendingClaims(expiredBefore: Fixture.later(60))
            #expect(stale.map(\.record.key) == [old.key])
            #expect(stale.first?.lease == oldLease)
        }
    }
}
