import Foundation
@testable import Gallery
import NuGetProtocol
import Testing

/// `SearchIndex.searchAnswer` writes the bytes the renderer and `wireBytes` make of `search`, whether a hit's entry
/// is rendered or kept (`SearchHitFragments`), and a kept entry never outlives the package it was rendered from.
@Suite("Search answers with kept hit entries")
struct SearchAnswerWriterTests {
    static let urls = FeedURLs(base: "https://pkgs.example.com/")

    /// The answer as search rendered it before hit entries were kept.
    static func expected(_ index: SearchIndex, _ query: SearchQuery) -> [UInt8] {
        SearchResponseRenderer(urls: urls).render(index.search(query), semVer2: query.includeSemVer2).wireBytes
    }

    static func compare(_ index: SearchIndex, _ writer: SearchAnswerWriter, queries: [String]) {
        for q in queries {
            for combination in 0..<4 {
                for (skip, take) in [(0, 20), (2, 5), (0, 1000)] {
                    var query = SearchQuery(
                        q: q, skip: skip, take: take, includePrerelease: combination & 1 != 0, includeSemVer2: combination & 2 != 0)
                    for order in [SearchOrder.relevance, .downloads, .recentlyPublished] {
                        query.order = order
                        let answer = String(decoding: index.searchAnswer(query, writer: writer), as: UTF8.self)
                        #expect(
                            answer == String(decoding: expected(index, query), as: UTF8.self),
                            "q=\(q) combination \(combination) skip \(skip) take \(take) \(order)")
                    }
                }
            }
        }
    }

    @Test("answers equal the rendered search, with entries rendered, kept, and evicted from a small cache")
    func sameBytes() {
        let index = SearchFixture.index(SearchCandidateTests.corpus(count: 300))
        let queries = ["", "json", "js", "newtonsoft json", "core data sql", "zzz", "id:json", "packageid:Json", "ünïcode", "x"]
        let roomy = SearchAnswerWriter(urls: Self.urls)
        // A few entries' worth: most answers evict what the previous one kept.
        let small = SearchAnswerWriter(urls: Self.urls, keptBytes: 4096)
        for writer in [roomy, small] {
            Self.compare(index, writer, queries: queries)
            Self.compare(index, writer, queries: queries)  // now from kept entries
        }
        #expect(roomy.fragments.keptBytes > 4096)
        #expect(small.fragments.keptBytes <= 4096)
    }

    @Test("downloads, a new version, an unlisting and a removal show in the next answer")
    func changesShow() throws {
        let index = SearchFixture.index([
            [SearchFixture.record("Contoso.Json", "1.0.0", downloads: 10), SearchFixture.record("Contoso.Json", "2.0.0-beta", downloads: 1)],
            [SearchFixture.record("Fabrikam.Json", "1.0.0", downloads: 5)],
        ])
        let writer = SearchAnswerWriter(urls: Self.urls)
        let query = SearchQuery(q: "json", includePrerelease: true, includeSemVer2: true)
        func answer() throws -> [String: Any] {
            let bytes = index.searchAnswer(query, writer: writer)
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: Self.expected(index, query), as: UTF8.self))
            return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        }
        func hit(_ id: String) throws -> [String: Any]? {
            (try answer()["data"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        }
        #expect(try hit("Contoso.Json")?["totalDownloads"] as? Int == 11)
        index.addDownloads([PackageVersionKey(lowerID: "contoso.json", lowerVersion: "1.0.0"): 5])
        #expect(try hit("Contoso.Json")?["totalDownloads"] as? Int == 16)
        index.upsert([
            SearchFixture.record("Contoso.Json", "1.0.0", downloads: 15), SearchFixture.record("Contoso.Json", "2.0.0-beta", downloads: 1),
            SearchFixture.record("Contoso.Json", "3.0.0", downloads: 0),
        ], owners: ["alice"])
        #expect(try hit("Contoso.Json")?["version"] as? String == "3.0.0")
        #expect(try hit("Contoso.Json")?["owners"] as? [String] == ["alice"])
        index.upsert([SearchFixture.record("Contoso.Json", "1.0.0", listed: false, downloads: 15)], owners: ["alice"])
        #expect(try hit("Contoso.Json") == nil)
        index.remove(lowerID: "fabrikam.json")
        #expect(try answer()["totalHits"] as? Int == 0)
        // The slot Fabrikam.Json left is reused by a new id: its entry is the new package's, not the kept one.
        index.upsert([SearchFixture.record("Northwind.Json", "1.0.0")], owners: ["bob"])
        #expect(try hit("Northwind.Json")?["owners"] as? [String] == ["bob"])
    }

    @Test("a query that can match nothing answers an empty page")
    func nothing() {
        let index = SearchFixture.index([[SearchFixture.record("Contoso.Json", "1.0.0")]])
        let writer = SearchAnswerWriter(urls: Self.urls)
        let query = SearchQuery(q: "version:not-a-version")
        #expect(String(decoding: index.searchAnswer(query, writer: writer), as: UTF8.self) == #"{"data":[],"totalHits":0}"#)
        #expect(index.searchAnswer(query, writer: writer) == Self.expected(index, query))
    }
}
