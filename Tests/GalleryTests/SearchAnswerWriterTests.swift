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
    static func expected(_ index: SearchIndex, _ query: SearchQuery, urls: FeedURLs = urls) -> [UInt8] {
        SearchResponseRenderer(urls: urls).render(index.search(query), semVer2: query.includeSemVer2).wireBytes
    }

    static func compare(_ index: SearchIndex, _ writer: SearchAnswerWriter, queries: [String], urls: FeedURLs = urls) {
        for q in queries {
            for combination in 0..<4 {
                for (skip, take) in [(0, 20), (2, 5), (0, 1000)] {
                    var query = SearchQuery(
                        q: q, skip: skip, take: take, includePrerelease: combination & 1 != 0, includeSemVer2: combination & 2 != 0)
                    for order in [SearchOrder.relevance, .downloads, .recentlyPublished] {
                        query.order = order
                        let answer = String(decoding: index.searchAnswer(query, writer: writer), as: UTF8.self)
                        #expect(
                            answer == String(decoding: expected(index, query, urls: urls), as: UTF8.self),
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

    @Test("every optional field, awkward text, deprecations and vulnerabilities are written as the renderer writes them")
    func everyField() {
        let awkward = "Say \"hi\" \\ to\ttabs,\u{1}controls, é, 😀 and </script>"
        let index = SearchIndex()
        for n in 0..<24 {
            let id = "Field\(n).Json"
            var records = [
                SearchFixture.record(id, "1.0.0", downloads: Int64(n)), SearchFixture.record(id, "2.0.0-beta.\(n)", downloads: 3),
                SearchFixture.record(id, "3.0.0+build", downloads: 1),
            ]
            for r in records.indices {
                var metadata = records[r].metadata
                metadata.title = n % 3 == 0 ? nil : awkward
                metadata.summary = n % 4 == 0 ? nil : awkward
                metadata.description = n % 5 == 0 ? "" : awkward
                metadata.authors = [" Contoso , ,Fabrikam,", awkward, "", "Solo"][n % 4]
                metadata.tags = n % 2 == 0 ? [] : ["json", awkward, ""]
                metadata.projectUrl = n % 3 == 1 ? "https://example.com/p?a=1&b=\"2\"" : nil
                metadata.hasIcon = n % 4 == 1
                metadata.iconUrl = n % 4 == 2 ? "https://example.com/icon.png" : nil
                switch n % 4 {
                case 0: metadata.licenseExpression = "MIT OR (Apache-2.0 WITH LLVM-exception)"
                case 1: metadata.licenseFile = "LICENSE.txt"
                case 2: metadata.licenseUrl = "https://example.com/license"
                default: break
                }
                metadata.packageTypes = n % 6 == 0 ? [PackageTypeInfo(name: "DotnetTool"), PackageTypeInfo(name: awkward)] : []
                records[r].metadata = metadata
                if n % 3 == 2 {
                    records[r].deprecation = PackageDeprecation(
                        reasons: ["Legacy", "CriticalBugs"], message: n % 2 == 0 ? awkward : nil,
                        alternatePackageID: n % 4 == 2 ? "Other.Json" : nil, alternatePackageRange: n % 8 == 2 ? "[1.0.0, )" : nil)
                }
            }
            let advisories = n % 5 == 1 ? [
                Advisory(advisoryID: "GHSA-\(n)", lowerID: id.lowercased(), versions: "[1.0.0, 3.0.0)", severity: 2,
                         url: "https://github.com/advisories/GHSA-\(n)", page: .base),
                Advisory(advisoryID: "GHSA-x\(n)", lowerID: id.lowercased(), versions: "[2.0.0, )", severity: 3,
                         url: "https://github.com/advisories/GHSA-x\(n)", page: .base),
            ] : []
            index.upsert(records, owners: n % 7 == 0 ? [] : ["alice", awkward], verified: n % 2 == 1, advisories: advisories)
        }
        let writer = SearchAnswerWriter(urls: FeedURLs(base: "https://pkgs.example.com/feed \"x\""))
        Self.compare(index, writer, queries: ["", "json", "field1", "say hi"], urls: writer.renderer.urls)
        // The corpus reaches every optional part of a hit.
        let all = String(decoding: index.searchAnswer(
            SearchQuery(q: "", take: 100, includePrerelease: true, includeSemVer2: true), writer: writer), as: UTF8.self)
        for part in [#""advisoryUrl":"#, #""alternatePackage":"#, #""range":"*""#, "licenses.nuget.org/MIT%20OR%20(Apache-2.0",
                     #"/license""#, #"/icon""#, #""iconUrl":"https://example.com/icon.png""#, #""projectUrl":"#,
                     #"Say \"hi\" \\ to\ttabs,\u0001controls"#, #""verified":true"#, #""owners":[]"#, #""name":"DotnetTool""#,
                     #"feed \"x\"/v3/registration-gz-semver2/field1.json/3.0.0.json"#] {
            #expect(all.contains(part), "no \(part)")
        }
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

    @Test("a kept entry does not keep the index entry it was rendered from alive")
    func keptEntriesHoldNoPackage() {
        let index = SearchFixture.index([[SearchFixture.record("Contoso.Json", "1.0.0", downloads: 1)]])
        let writer = SearchAnswerWriter(urls: Self.urls)
        weak var rendered = index.snapshot().package(lowerID: "contoso.json")
        #expect(rendered != nil)
        _ = index.searchAnswer(SearchQuery(q: "json"), writer: writer)
        #expect(writer.fragments.keptBytes > 0)
        index.addDownloads([PackageVersionKey(lowerID: "contoso.json", lowerVersion: "1.0.0"): 1])
        #expect(rendered == nil)
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

/// Relevance pages compare packed integer keys (`KeyedSlot`); they must order as `RankedPackage.precedes` does.
@Suite("Search pages by packed keys")
struct SearchKeyedPageTests {
    @Test("keyed pages equal pages ordered by precedes, with ties, zero and huge values, every skip and take")
    func sameOrder() {
        let state = SearchFixture.index(SearchCandidateTests.corpus(count: 300)).snapshot()
        let slots = state.packages.indices.filter { state.packages[$0] != nil }
        var rng = SearchCandidateTests.SplitMix(state: 11)
        for round in 0..<60 {
            // Few distinct values, so ties down to the id are common; a huge download count in some rounds.
            let ranked = slots.shuffled(using: &rng).prefix(Int.random(in: 1...slots.count, using: &rng)).map { slot in
                RankedPackage(
                    slot: slot, matched: Int.random(in: 0...2, using: &rng), levels: Int.random(in: 0...3, using: &rng),
                    downloads: round % 10 == 9 && slot % 50 == 0 ? Int64(1) << 41 : Int64(Int.random(in: 0...3, using: &rng)))
            }
            for (skip, take) in [(0, 1), (0, 20), (5, 20), (0, 1000), (ranked.count - 1, 5)] {
                var keyed = ranked, reference = ranked
                let page = RankedPackage.page(&keyed, skip: skip, take: take, state: state)
                let expected = RankedPackage.page(&reference, skip: skip, take: take, state: state) {
                    RankedPackage.precedes($0, $1, state)
                }
                #expect(page == expected, "round \(round) skip \(skip) take \(take)")
            }
        }
        #expect(RankedPackage(slot: 0, matched: 1, levels: 1, downloads: Int64(1) << 40).key == nil)
        #expect(RankedPackage(slot: 0, matched: 256, levels: 1, downloads: 1).key == nil)
    }
}
