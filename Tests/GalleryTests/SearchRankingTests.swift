import Gallery
import Testing

@Suite("Search ranking and field filters")
struct SearchRankingTests {
    typealias R = SearchFixture

    @Test("tiers: exact id > id prefix > id token > title/tags > description/authors; downloads break ties")
    func tiers() {
        let index = R.index(R.rankingPackages)
        #expect(R.ids(index, "json") == [
            "Json", "JsonKit", "Newtonsoft.Json", "FastJsonSerializer", "Tagged.Lib", "Titled.Lib", "Plain.Lib", "Authored.Lib",
        ])
    }

    @Test("matching ignores case", arguments: ["JSON", "Json", "jSoN"])
    func caseInsensitive(_ q: String) {
        let index = R.index(R.rankingPackages)
        #expect(R.ids(index, q) == R.ids(index, "json"))
    }

    @Test("empty q lists every package by downloads, then id")
    func browse() {
        let index = R.index([
            [R.record("B", "1.0.0", downloads: 5)], [R.record("A", "1.0.0", downloads: 5)], [R.record("C", "1.0.0", downloads: 9)],
        ])
        #expect(R.ids(index, "") == ["C", "A", "B"])
    }

    @Test("free words are ORed; packages matching more words rank first")
    func orWithScore() {
        let index = R.index([
            [R.record("Zebra.Tools", "1.0.0", downloads: 1)],
            [R.record("Json.Zebra", "1.0.0", downloads: 0)],
            [R.record("Json.Only", "1.0.0", downloads: 100)],
            [R.record("Neither", "1.0.0", downloads: 1000)],
        ])
        #expect(R.ids(index, "json zebra") == ["Json.Zebra", "Json.Only", "Zebra.Tools"])
    }

    @Test(
        "id tokens split on separators and camel case",
        arguments: [
            ("serializer", ["FastJsonSerializer"]), ("fast", ["FastJsonSerializer"]), ("xml", ["XMLParser.Core"]),
            ("parser", ["XMLParser.Core"]), ("core", ["XMLParser.Core", "my_core-lib"]), ("lib", ["my_core-lib"]),
            ("net", ["Log4Net"]), ("log4", ["Log4Net"]),
        ]
    )
    func idTokens(_ q: String, _ expected: [String]) {
        let index = R.index([
            [R.record("FastJsonSerializer", "1.0.0", description: "x")], [R.record("XMLParser.Core", "1.0.0", description: "x")],
            [R.record("my_core-lib", "1.0.0", description: "x")], [R.record("Log4Net", "1.0.0", description: "x")],
        ])
        #expect(Set(R.ids(index, q)) == Set(expected))
    }

    static let fielded: [[PackageVersionRecord]] = [
        [R.record("Newtonsoft.Json", "13.0.1", title: "Json.NET", description: "Popular JSON framework.", summary: "Fast json", authors: "James Newton-King", tags: ["json", "serialization"])],
        [R.record("Newtonsoft.Json.Bson", "1.0.2", description: "BSON support.", authors: "James Newton-King", tags: ["bson"])],
        [R.record("JsonKit", "2.0.0", title: "Kit", description: "Another json library.", authors: "Kit Authors", tags: ["json"])],
        [R.record("Versioned", "1.0.0"), R.record("Versioned", "2.0.0", listed: false)],
    ]

    @Test(
        "field filters",
        arguments: [
            ("packageid:newtonsoft.json", ["Newtonsoft.Json"]),
            ("PACKAGEID:NEWTONSOFT", []),
            ("id:newtonsoft", ["Newtonsoft.Json", "Newtonsoft.Json.Bson"]),
            ("id:soft.js", ["Newtonsoft.Json", "Newtonsoft.Json.Bson"]),
            ("id:json", ["JsonKit", "Newtonsoft.Json", "Newtonsoft.Json.Bson"]),
            ("owner:alice", ["JsonKit"]),
            ("owner:ali", []),
            ("version:13.0.1", ["Newtonsoft.Json"]),
            ("version:13.0.1.0", ["Newtonsoft.Json"]),
            ("version:2.0", ["JsonKit"]),
            ("version:not-a-version", []),
            ("title:kit", ["JsonKit"]),
            ("tags:serialization", ["Newtonsoft.Json"]),
            ("author:newton", ["Newtonsoft.Json", "Newtonsoft.Json.Bson"]),
            ("description:bson", ["Newtonsoft.Json.Bson"]),
            ("summary:fast", ["Newtonsoft.Json"]),
            ("id:json tags:bson", ["Newtonsoft.Json.Bson"]),
            ("foo:bar bson", ["Newtonsoft.Json.Bson"]),
            ("id:json library", ["JsonKit"]),
        ]
    )
    func fieldFilters(_ q: String, _ expected: [String]) {
        let index = R.index(Self.fielded, owners: ["jsonkit": ["Alice"], "newtonsoft.json": ["jamesnk"]])
        #expect(R.ids(index, q).sorted() == expected.sorted())
    }

    @Test("an unlisted version does not satisfy version:")
    func versionFilterIgnoresUnlisted() {
        let index = R.index(Self.fielded)
        #expect(R.ids(index, "version:2.0.0").sorted() == ["JsonKit"])
    }

    @Test("id: values rank like words: the exact id comes first")
    func idFilterRanks() {
        let index = R.index(R.rankingPackages)
        #expect(R.ids(index, "id:json") == ["Json", "JsonKit", "Newtonsoft.Json", "FastJsonSerializer"])
    }
}
