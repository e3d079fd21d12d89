import Foundation
import Gallery
import SQLStore
import Testing

/// Downloads per version per day (the package page's chart).
@Suite("MetadataStore contract: download history")
struct MetadataStoreDownloadHistoryTests {
    @Test("a flushed batch adds to the totals and to the day's row; days are summed over versions", arguments: StoreKind.available)
    func history(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let one = Fixture.record("A", "1.0.0")
            let two = Fixture.record("A", "2.0.0")
            let other = Fixture.record("B", "1.0.0")
            for record in [one, two, other] {
                _ = try await store.claimVersion(record, owner: nil)
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            }
            let ghost = PackageVersionKey(lowerID: "a", lowerVersion: "9.9.9")
            try await store.addDownloads([one.key: 3, two.key: 1, other.key: 5, ghost: 4], onDay: 20_000)
            try await store.addDownloads([one.key: 2], onDay: 20_000)
            try await store.addDownloads([two.key: 6], onDay: 20_002)
            try await store.addDownloads([one.key: 1], onDay: 19_000)
            #expect(try await store.version(one.key)?.downloads == 6)
            #expect(try await store.version(two.key)?.downloads == 7)
            #expect(try await store.dailyDownloads(ofLowerID: "a", fromDay: 19_990) == [
                DailyDownloads(day: 20_000, downloads: 6), DailyDownloads(day: 20_002, downloads: 6),
            ])
            #expect(try await store.dailyDownloads(ofLowerID: "b", fromDay: 0) == [DailyDownloads(day: 20_000, downloads: 5)])
            #expect(try await store.dailyDownloads(ofLowerID: "nothing", fromDay: 0).isEmpty)
        }
    }
}
