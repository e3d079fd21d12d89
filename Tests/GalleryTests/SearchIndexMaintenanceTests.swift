import Gallery
import Testing

@Suite("Search index maintenance: re-indexing, casing, verified, phrases")
struct SearchIndexMaintenanceTests {
    typealias R = SearchFixture

    @Test("hundreds of re-indexings of one id (pool compaction) keep only the current text")
    func reindexing() {
        let index = SearchIndex()
        index.upsert([R.record("Other.Lib", "1.0.0", description: "stays findable")], owners: [])
        for round in 0..<400 {
            // 300 distinct words per round: garbage passes the compaction threshold several times.
            let words = (0..<300).map { "w\(round)x\($0)" }.joined(separator: " ")
            index.upsert([R.record("Churn", "1.0.0", description: words)], owners: [])
        }
        #expect(R.ids(index, "w399x7") == ["Churn"])
        #expect(R.ids(index, "w398x7").isEmpty)
        #expect(R.ids(index, "findable") == ["Other.Lib"])
        #expect(index.count == 2)
    }

    @Test("records of another casing replace the same entry; the latest version's casing is shown")
    func casing() {
        let index = R.index([[R.record("contoso.utils", "1.0.0")]])
        index.upsert([R.record("contoso.utils", "1.0.0"), R.record("Contoso.Utils", "2.0.0")], owners: [])
        let results = index.search(SearchQuery())
        #expect(results.totalHits == 1)
        #expect(results.hits.map(\.id) == ["Contoso.Utils"])
    }

    @Test("verified and owners given at upsert reach the hit", arguments: [true, false])
    func verified(_ verified: Bool) {
        let index = SearchIndex()
        index.upsert([R.record("Contoso.Utils", "1.0.0")], owners: ["contoso", "alice"], verified: verified)
        let hit = index.search(SearchQuery()).hits.first
        #expect(hit?.verified == verified)
        #expect(hit?.owners == ["contoso", "alice"])
    }

    @Test(
        "a quoted phrase needs each of its words; a dotted word needs each part",
        arguments: [
            ("\"json framework\"", ["Newtonsoft.Json"]), ("\"json kitchen\"", []),
            ("newtonsoft.json", ["Newtonsoft.Json"]), ("popular.framework", ["Newtonsoft.Json"]),
        ]
    )
    func phrases(_ q: String, _ expected: [String]) {
        let index = R.index([
            [R.record("Newtonsoft.Json", "1.0.0", description: "Popular JSON framework.")],
            [R.record("Kitchen.Sink", "1.0.0", description: "Everything.")],
        ])
        #expect(R.ids(index, q) == expected)
    }

    @Test("an empty record list or an unknown id changes nothing")
    func noOps() {
        let index = R.index([[R.record("Lib", "1.0.0")]])
        index.upsert([], owners: [])
        index.remove(lowerID: "unknown")
        index.addDownloads([.init(lowerID: "lib", lowerVersion: "9.9.9"): 3])
        #expect(index.search(SearchQuery()).hits.map(\.totalDownloads) == [0])
        #expect(index.count == 1)
    }

    @Test("re-indexing from records read before a download flush keeps the flushed counts")
    func staleUpsertKeepsDownloads() {
        let stale = R.record("Lib", "1.0.0")
        let index = R.index([[stale]])
        index.addDownloads([.init(lowerID: "lib", lowerVersion: "1.0.0"): 3])
        // The change follower read `stale` (0 downloads) before the flush and upserts it after.
        index.upsert([stale], owners: [])
        #expect(index.search(SearchQuery()).hits.map(\.totalDownloads) == [3])
        // A later read that saw more downloads than the index counted wins.
        var fresher = stale
        fresher.downloads = 5
        index.upsert([fresher], owners: [])
        #expect(index.search(SearchQuery()).hits.map(\.totalDownloads) == [5])
    }
}
