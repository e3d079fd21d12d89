import Foundation
import Gallery
import SQLStore
import Testing

/// Unlist and relist (nuget.org's "delete" from a client is an unlist).
@Suite("MetadataStore contract: listing")
struct MetadataStoreListingTests {
    @Test("unlist then relist round-trips, with dates, catalog entries and dirty marks", arguments: StoreKind.available)
    func listedRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            let generation = try await store.dirtyGeneration(record.lowerID)
            try await store.clearDirty(record.lowerID, generation: generation)

            let unlistedAt = Fixture.later(60)
            let unlisted = try #require(try await store.setListed(false, record.key, at: unlistedAt) { updated in
                #expect(updated.listed == false)
                return Fixture.entry(updated, at: unlistedAt)
            })
            #expect(unlisted.listed == false)
            #expect(unlisted.lastEdited == unlistedAt)
            #expect(unlisted.published == record.published)  // unlisting keeps the last listed time
            #expect(try await store.version(record.key) == unlisted)
            #expect(try await store.versions(ofLowerID: record.lowerID) == [unlisted])  // unlisted stays restorable
            #expect(try await store.dirtyLowerIDs() == [record.lowerID])

            let relistedAt = Fixture.later(120)
            let relisted = try #require(try await store.setListed(true, record.key, at: relistedAt) { Fixture.entry($0, at: relistedAt) })
            #expect(relisted.listed && relisted.published == relistedAt && relisted.lastEdited == relistedAt)
            #expect(try await store.version(record.key) == relisted)

            let catalog = try await store.catalogEntries(page: 0)
            #expect(catalog.map(\.sequence) == [0, 1, 2])
            #expect(catalog.last?.commitTimeStamp == relistedAt)
            #expect(relisted.catalogLeafPath == catalog.last?.leafPath)
        }
    }

    @Test("setListed on a pending or unknown version returns nil and writes nothing", arguments: StoreKind.available)
    func setListedMissing(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            for key in [record.key, PackageVersionKey(lowerID: "nope", lowerVersion: "1.0.0")] {
                #expect(try await store.setListed(false, key, at: Fixture.now) { Fixture.entry(record, at: $0.created) } == nil)
            }
            #expect(try await store.catalogCount() == 0)
            #expect(try await store.dirtyLowerIDs().isEmpty)
            #expect(try await store.version(record.key)?.listed == true)
        }
    }

    @Test("a catalog entry builder that throws rolls the listing change back", arguments: StoreKind.available)
    func setListedRollback(kind: StoreKind) async throws {
        struct RenderFailure: Error {}
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            await #expect(throws: RenderFailure.self) {
                _ = try await store.setListed(false, record.key, at: Fixture.later(5)) { _ in throw RenderFailure() }
            }
            #expect(try await store.version(record.key)?.listed == true)
            #expect(try await store.catalogCount() == 1)
        }
    }
}
