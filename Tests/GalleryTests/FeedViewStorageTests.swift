import Foundation
import Gallery
import Testing

/// The V2 view shares equal texts between an id's versions (FeedPackage+SharedStorage): values must not change.
@Suite("V2 feed view: shared storage keeps every value")
struct FeedViewStorageTests {
    @Test("versions whose texts repeat, differ, or alternate come back exactly as given")
    func valuesKept() throws {
        let descriptions = ["same", "same", "changed", "same", "same"]
        let records = descriptions.enumerated().map { n, description in
            var record = SearchFixture.record("Contoso.Utils", "1.\(n).0", description: description)
            record.metadata.tags = n == 2 ? ["b"] : ["a"]
            record.metadata.title = n == 4 ? "Renamed" : nil
            record.packageHash = n % 2 == 0 ? "hash-even" : "hash-odd"
            return record
        }
        let view = PackageFeedView(search: SearchIndex())
        view.upsert(lowerID: "contoso.utils", records: records.reversed())
        let stored = try #require(view.snapshot().packages["contoso.utils"]).versions.map(\.record)
        #expect(stored == records)
    }
}
