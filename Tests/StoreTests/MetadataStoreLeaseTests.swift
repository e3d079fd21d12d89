import Foundation
import Gallery
import Testing

/// A claim is a lease: renewed by its push, taken over once it lapsed, and only its holder may publish or abandon it.
@Suite("MetadataStore contract: claim leases")
struct MetadataStoreLeaseTests {
    let first = ClaimLease(token: "first", expires: Fixture.later(60))
    let second = ClaimLease(token: "second", expires: Fixture.later(200))

    @Test("a claim whose lease has not lapsed is refused; a lapsed one is taken over with the new record", arguments: StoreKind.available)
    func takeOver(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            #expect(try await store.claimVersion(record, owner: nil, lease: first, now: Fixture.now) == .claimed)
            #expect(try await store.claimVersion(record, owner: nil, lease: second, now: Fixture.later(59)) == .alreadyExists)
            var retried = Fixture.record("CONTOSO.UTILS", "1.0.0", created: Fixture.later(60))
            retried.packageHash = "retried"
            #expect(try await store.claimVersion(retried, owner: nil, lease: second, now: Fixture.later(60)) == .tookOver)
            #expect(try await store.version(record.key)?.packageHash == "retried")
            #expect(try await store.version(record.key)?.state == .pending)
            // The first push lost the claim: it can neither renew, publish nor abandon it.
            #expect(try await store.renewClaim(record.key, lease: ClaimLease(token: "first", expires: Fixture.later(300))) == false)
            #expect(try await store.publishClaim(record.key, token: "first", catalogEntry: Fixture.entry(record), audit: []) == false)
            try await store.abandonClaim(record.key, token: "first")
            #expect(try await store.version(record.key) != nil)
            #expect(try await store.catalogCount() == 0)
            #expect(try await store.publishClaim(record.key, token: "second", catalogEntry: Fixture.entry(retried), audit: []))
            #expect(try await store.version(record.key)?.state == .available)
        }
    }

    @Test("renewing moves the lease, so a later takeover is refused until the renewed lease lapses", arguments: StoreKind.available)
    func renewal(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil, lease: first, now: Fixture.now)
            #expect(try await store.renewClaim(record.key, lease: ClaimLease(token: "first", expires: Fixture.later(120))))
            #expect(try await store.claimVersion(record, owner: nil, lease: second, now: Fixture.later(90)) == .alreadyExists)
            #expect(try await store.pendingClaims(expiredBefore: Fixture.later(90)).isEmpty)
            #expect(try await store.claimVersion(record, owner: nil, lease: second, now: Fixture.later(120)) == .tookOver)
        }
    }

    @Test("available and deleted versions are never taken over, however old", arguments: StoreKind.available)
    func publishedNeverTakenOver(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil, lease: first, now: Fixture.now)
            #expect(try await store.publishClaim(record.key, token: "first", catalogEntry: Fixture.entry(record), audit: []))
            #expect(try await store.claimVersion(record, owner: nil, lease: second, now: Fixture.later(100_000)) == .alreadyExists)
            #expect(try await store.renewClaim(record.key, lease: first) == false)
        }
    }

    @Test("racing takeovers of one lapsed claim give exactly one holder", arguments: StoreKind.available)
    func racingTakeovers(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil, lease: first, now: Fixture.now)
            let outcomes = try await withThrowingTaskGroup(of: ClaimOutcome.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await store.claimVersion(
                            record, owner: nil, lease: ClaimLease(token: "racer-\(index)", expires: Fixture.later(500)), now: Fixture.later(100))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .tookOver }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 7)
        }
    }

    @Test("a lapsed first claim of a new id keeps the id's owner when taken over", arguments: StoreKind.available)
    func takeoverKeepsOwner(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: alice.key, lease: first, now: Fixture.now)
            #expect(try await store.claimVersion(record, owner: nil, lease: second, now: Fixture.later(61)) == .tookOver)
            #expect(try await store.owners(ofLowerID: record.lowerID) == [alice.key])
        }
    }
}
