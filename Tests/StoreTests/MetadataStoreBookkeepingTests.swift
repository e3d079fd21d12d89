import Foundation
import Gallery
import SQLStore
import Testing

/// Dirty marks, settings and download counts.
@Suite("MetadataStore contract: bookkeeping")
struct MetadataStoreBookkeepingTests {
    @Test("clearDirty clears only when no mark came after the generation was read", arguments: StoreKind.available)
    func dirtyGenerations(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.dirtyGeneration("a") == 0)
            try await store.markDirty(["a", "b"])
            let seen = try await store.dirtyGeneration("a")
            #expect(seen > 0)
            try await store.markDirty(["a"])  // a write while "a" was being rendered
            try await store.clearDirty("a", generation: seen)
            #expect(try await store.dirtyLowerIDs() == ["a", "b"])
            let latest = try await store.dirtyGeneration("a")
            #expect(latest > seen)
            try await store.clearDirty("a", generation: latest)
            #expect(try await store.dirtyLowerIDs() == ["b"])
            #expect(try await store.dirtyGeneration("a") == 0)
            // A stale renderer holding the old generation cannot clear a newer mark.
            try await store.markDirty(["a"])
            try await store.clearDirty("a", generation: seen)
            #expect(try await store.dirtyLowerIDs() == ["a", "b"])
            #expect(try await store.dirtyGeneration("a") > latest)
        }
    }

    @Test("settings are absent until set and then replaced", arguments: StoreKind.available)
    func settings(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.setting("baseURL") == nil)
            try await store.setSetting("baseURL", "http://localhost:5000/")
            try await store.setSetting("baseURL", "https://nuget.example.test/")
            try await store.setSetting("other", "")
            #expect(try await store.setting("baseURL") == "https://nuget.example.test/")
            #expect(try await store.setting("other") == "")
        }
    }

    @Test("addDownloads accumulates per version and ignores unknown keys", arguments: StoreKind.available)
    func downloads(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let one = Fixture.record("A", "1.0.0")
            let two = Fixture.record("A", "2.0.0")
            for record in [one, two] {
                _ = try await store.claimVersion(record, owner: nil)
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            }
            try await store.addDownloads([one.key: 3, two.key: 1, PackageVersionKey(lowerID: "ghost", lowerVersion: "1.0.0"): 9])
            try await store.addDownloads([one.key: 4])
            try await store.addDownloads([:])
            #expect(try await store.version(one.key)?.downloads == 7)
            #expect(try await store.version(two.key)?.downloads == 1)
        }
    }

    @Test("dates round-trip exactly at microsecond precision", arguments: StoreKind.available, [0.000001, 0.5, 0.999999, 86_400.123457])
    func datePrecision(kind: StoreKind, offset: Double) async throws {
        try await withStore(kind) { store, _ in
            var record = Fixture.record()
            record.created = Fixture.later(offset)
            record.published = Date(timeIntervalSince1970: 0)
            record.lastEdited = Fixture.later(-offset)
            _ = try await store.claimVersion(record, owner: nil)
            let stored = try #require(try await store.version(record.key))
            #expect(stored.created == record.created)
            #expect(stored.published == record.published)
            #expect(stored.lastEdited == record.lastEdited)
        }
    }
}
