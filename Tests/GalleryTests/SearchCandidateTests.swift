import Foundation
@testable import Gallery
import Testing

/// Search looks only at the slots listed under its words' tokens (`SearchPostings`); these tests compare every
/// answer with a scan of every slot, the straightforward way search worked before, on a generated corpus of many
/// shapes (camel case, separators, underscores, non-ASCII ids, prereleases, SemVer 2, unlisted versions, package
/// types, tied downloads), before and after ids are replaced and removed.
@Suite("Search candidates from postings answer as a full scan")
struct SearchCandidateTests {
    /// Deterministic generator (SplitMix64), so a failure repeats.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let words = [
        "Json", "Http", "Client", "Core", "Data", "Sql", "Azure", "Storage", "Xml", "Parser", "Newtonsoft", "Net", "Web",
        "Api", "Log", "Logging", "Test", "Testing", "Mock", "Grpc", "Ünïcode", "Straße", "Café", "Io", "X",
    ]
    static let separators = [".", "-", "_", ""]

    /// A corpus of `count` ids with 1–4 versions each.
    static func corpus(count: Int, seed: UInt64 = 7) -> [[PackageVersionRecord]] {
        var rng = SplitMix(state: seed)
        var packages: [[PackageVersionRecord]] = []
        var seen = Set<String>()
        while packages.count < count {
            let parts = (0..<Int.random(in: 1...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            var id = parts.joined(separator: separators.randomElement(using: &rng)!)
            if Int.random(in: 0..<4, using: &rng) == 0 { id += "\(packages.count)" }
            if Int.random(in: 0..<15, using: &rng) == 0 { id = "_" + id }
            if Int.random(in: 0..<25, using: &rng) == 0 { id = "\u{212A}elvin." + id }  // Kelvin sign: lowercases to ASCII k
            guard seen.insert(id.lowercased()).inserted else { continue }
            let text = { (n: Int) in (0..<n).map { _ in words.randomElement(using: &rng)!.lowercased() }.joined(separator: " ") }
            let versions = (0..<Int.random(in: 1...4, using: &rng)).map { n -> PackageVersionRecord in
                let kind = Int.random(in: 0..<6, using: &rng)
                let version = kind == 0 ? "\(n + 1).0.0-beta" : kind == 1 ? "\(n + 1).0.0-rc.1" : kind == 2 ? "\(n + 1).0.0+build" : "\(n + 1).0.0"
                return SearchFixture.record(
                    id, version, listed: Int.random(in: 0..<8, using: &rng) != 0,
                    downloads: Int64(Int.random(in: 0..<5, using: &rng) * 100),
                    title: Bool.random(using: &rng) ? text(2) : nil, description: text(Int.random(in: 1...8, using: &rng)),
                    summary: Bool.random(using: &rng) ? text(3) : nil, authors: text(1).capitalized,
                    tags: (0..<Int.random(in: 0...3, using: &rng)).map { _ in words.randomElement(using: &rng)!.lowercased() },
                    packageTypes: Int.random(in: 0..<10, using: &rng) == 0 ? ["DotnetTool"] : []
                )
            }
            packages.append(versions)
        }
        return packages
    }

    /// Queries of every shape search takes.
    static let queries: [String] = {
        var queries = ["", "json", "JSON", "js", "j", "x", "newtonsoft.json", "json.net", "newtonsoft json", "core data sql",
                       "_", "_json", ".", "-", "json-", "kelvin", "\u{212A}elvin", "ünïcode", "ÜNÏCODE", "straße", "strasse",
                       "café", "caf", "\"http client\"", "id:json", "id:core json", "packageid:Json", "packageid:json.core",
                       "tags:json", "title:azure storage", "owner:owner-json", "version:1.0.0", "version:2.0.0-beta",
                       "author:json", "description:xml parser", "summary:log", "zzz", "json zzz", "api web log test",
                       "n", "ne", "net", "testing mock", "t", "grpc.io", "io"]
        for word in words { queries += [word.lowercased(), String(word.lowercased().prefix(2)), word + "." + "Core"] }
        return queries
    }()

    static func compare(_ index: SearchIndex) {
        // Every query in the four filter combinations, two pages and the three orders; with a package type on one.
        for q in queries {
            for combination in 0..<4 {
                for (skip, take, packageType) in [(0, 20, nil), (3, 1000, nil), (0, 20, "DotnetTool")] as [(Int, Int, String?)] {
                    var query = SearchQuery(
                        q: q, skip: skip, take: take, includePrerelease: combination & 1 != 0,
                        includeSemVer2: combination & 2 != 0, packageType: packageType)
                    for order in [SearchOrder.relevance, .downloads, .recentlyPublished] {
                        query.order = order
                        #expect(
                            index.search(query, scanEverySlot: false) == index.search(query, scanEverySlot: true),
                            "q=\(q) combination \(combination) skip \(skip) take \(take) type \(packageType ?? "-") \(order)")
                    }
                }
            }
        }
    }

    @Test("every query shape answers as a scan of every slot")
    func sameAnswers() {
        let index = SearchFixture.index(Self.corpus(count: 600))
        Self.compare(index)
    }

    @Test("after ids are replaced and removed, answers still match a scan, and removed ids are no candidates")
    func sameAnswersAfterChanges() throws {
        let corpus = Self.corpus(count: 400)
        let index = SearchFixture.index(corpus)
        let replacements = Self.corpus(count: 400, seed: 99)
        for n in stride(from: 0, to: 400, by: 3) {
            // The same id with another corpus entry's texts and versions.
            let id = corpus[n][0].id
            index.upsert(replacements[n].map { record in
                var record = record
                record.id = id
                return record
            }, owners: ["owner-\(id.lowercased())"])
        }
        for n in stride(from: 1, to: 400, by: 5) { index.remove(lowerID: corpus[n][0].lowerID) }
        Self.compare(index)
        // Removed slots are off every list: a word of a removed id's text no longer names its slot.
        let state = index.snapshot()
        for n in stride(from: 1, to: 400, by: 5) {
            let word = try #require(SearchTokenizer.idTokens(corpus[n][0].id).first)
            let plan = try #require(SearchPlan(SearchQuery(q: word, includePrerelease: true, includeSemVer2: true), vocabulary: state.vocabulary))
            guard let matches = state.withScan({ state.termMatches(plan, in: $0) }) else { continue }
            let listed = matches.slots.filter { matches.matched[Int($0)] > 0 }.map { state.packages[Int($0)]?.lowerID }
            #expect(!listed.contains(nil), "a matched slot holds no package")
            #expect(!listed.contains(corpus[n][0].lowerID))
        }
    }

    @Test("words are ranked from the postings; an empty q, a term without words and very common words scan every slot")
    func postingsDecideWhenTheyCan() throws {
        let index = SearchFixture.index([
            [SearchFixture.record("Newtonsoft.Json", "1.0.0")],
            [SearchFixture.record("Contoso.Data", "1.0.0", description: "Reads data.")],
            [SearchFixture.record("Fabrikam.Http", "1.0.0", tags: ["json"])],
            [SearchFixture.record("Straße.Json", "1.0.0")],
        ] + (0..<50).map { [SearchFixture.record("Filler.P\($0)", "1.0.0", description: "Nothing here.")] })
        let state = index.snapshot()
        func plan(_ q: String) throws -> SearchPlan {
            try #require(SearchPlan(SearchQuery(q: q), vocabulary: state.vocabulary))
        }
        /// Matched ids with their words matched and levels, or nil when search scans.
        func matches(_ q: String) throws -> [String: [Int32]]? {
            let plan = try plan(q)
            guard let matches = state.withScan({ state.termMatches(plan, in: $0) }) else { return nil }
            var found: [String: [Int32]] = [:]
            for slot in matches.slots.map(Int.init) where matches.matched[slot] > 0 {
                found[state.packages[slot]!.lowerID] = [matches.matched[slot], matches.levels[slot]]
            }
            return found
        }
        // Levels: 3 id token, 2 tags, 1 description; 4 id prefix, 5 the whole id; the non-ASCII id the scan's way.
        #expect(try matches("json") == ["newtonsoft.json": [1, 3], "fabrikam.http": [1, 2], "straße.json": [1, 3]])
        #expect(try matches("dat") == ["contoso.data": [1, 3]])
        #expect(try matches("newtonsoft.js") == ["newtonsoft.json": [1, 4]])
        #expect(try matches("contoso.data reads") == ["contoso.data": [2, 6]])
        #expect(try matches("straße.json") == nil)  // a non-ASCII term: scanned
        #expect(try matches("nothing")?.count == 50)
        #expect(try matches("zzz") == [:])
        #expect(try matches("") == nil)
        #expect(try matches("_") == nil)
        // Every package's authors (`Contoso`), nine times: past a scan's worth of entries (eight per slot).
        #expect(try matches(Array(repeating: "contoso", count: 9).joined(separator: " ")) == nil)
        #expect(try matches(Array(repeating: "contoso", count: 8).joined(separator: " "))?.count == 54)
        #expect(state.exactIDSlot(try plan("packageid:Contoso.Data")).map { $0.map { state.packages[$0]!.lowerID } } == "contoso.data")
        #expect(state.exactIDSlot(try plan("packageid:nope")) == .some(nil))
        #expect(state.exactIDSlot(try plan("packageid:nope json")) == nil)
    }
}

@Suite("Search vocabulary prefix look-up")
struct SearchVocabularyPrefixTests {
    @Test("tokens with a prefix are the ones a scan of every token finds, before and after the tail is merged")
    func prefixesMatchAScan() {
        var rng = SearchCandidateTests.SplitMix(state: 3)
        let letters = Array("abcjnos\u{e9}_".utf8).map { String(UnicodeScalar($0)) } + ["é", "ß"]
        var vocabulary = SearchVocabulary()
        var interned: [String] = []
        // 3,000 tokens crosses several merges (a tail of 256, then an eighth of the sorted part).
        for round in 0..<30 {
            for _ in 0..<100 {
                let token = (0..<Int.random(in: 1...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! }.joined()
                let number = vocabulary.intern(token)
                if Int(number) == interned.count { interned.append(token) }
                #expect(interned[Int(number)] == token)
            }
            let prefixes = ["a", "ab", "abc", "j", "jo", "é", "ß", "s", "zz", "o", "no", "_"] + interned.suffix(5)
            for prefix in prefixes {
                let found = Set(vocabulary.tokens(withPrefix: prefix).members)
                let expected = Set(interned.indices.filter { interned[$0].utf8.starts(with: prefix.utf8) }.map(Int32.init))
                #expect(found == expected, "prefix \(prefix) after round \(round)")
            }
        }
        #expect(vocabulary.tokens(withPrefix: "").members.isEmpty)
    }
}
