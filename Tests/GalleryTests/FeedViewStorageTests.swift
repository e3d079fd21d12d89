import Foundation
import Gallery
import Testing

/// The V2 view keeps summaries, and an id's versions with equal texts share one `VersionTexts`: values must not change.
@Suite("V2 feed view: summaries keep every value, equal texts are shared")
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
        let versions = try #require(view.snapshot().packages["contoso.utils"]).versions
        #expect(versions.map(\.summary) == records.map { VersionSummary($0) })
        #expect(versions.map(\.texts.description) == descriptions)
        // Equal neighbours share one object; a change starts a new one.
        #expect(versions[0].texts === versions[1].texts)
        #expect(versions[1].texts !== versions[2].texts)
        #expect(versions[3].texts !== versions[4].texts)
    }
}
