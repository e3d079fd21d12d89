import Gallery
import Testing

@Suite("Autocomplete: ids and versions")
struct SearchAutocompleteTests {
    typealias R = SearchFixture

    static let packages: [[PackageVersionRecord]] = [
        [R.record("Json", "1.0.0", downloads: 1)],
        [R.record("JsonKit", "1.0.0", downloads: 50)],
        [R.record("Newtonsoft.Json", "1.0.0", downloads: 900)],
        [R.record("FastJsonSerializer", "1.0.0", downloads: 10)],
        [R.record("Json.Beta", "1.0.0-beta", downloads: 5)],
        [R.record("Json.Hidden", "1.0.0", listed: false, downloads: 5000)],
        [R.record("Json.Tool", "1.0.0", downloads: 2, packageTypes: ["DotnetTool"])],
        [
            R.record("Contoso.Lib", "1.0.0"), R.record("Contoso.Lib", "1.10.0"), R.record("Contoso.Lib", "1.2.0"),
            R.record("Contoso.Lib", "1.3.0", listed: false), R.record("Contoso.Lib", "2.0.0-rc.1"),
            R.record("Contoso.Lib", "2.0.0+sha.abc"),
        ],
    ]

    @Test(
        "ids: prefix of the id first, then prefix of an id token, each by downloads",
        arguments: [
            ("json", false, ["JsonKit", "Json.Tool", "Json", "Newtonsoft.Json", "FastJsonSerializer"]),
            ("JSON", true, ["JsonKit", "Json.Beta", "Json.Tool", "Json", "Newtonsoft.Json", "FastJsonSerializer"]),
            ("newton", false, ["Newtonsoft.Json"]),
            ("soft", false, []),
            ("ser", false, ["FastJsonSerializer"]),
            ("json.t", false, ["Json.Tool"]),
            ("hidden", true, []),
        ]
    )
    func ids(_ q: String, _ prerelease: Bool, _ expected: [String]) {
        let index = R.index(Self.packages)
        let result = index.autocompleteIDs(q: q, prerelease: prerelease, semVer2: true)
        #expect(result.ids == expected)
        #expect(result.totalHits == expected.count)
    }

    @Test("ids: empty q lists every visible id by downloads; skip/take page it")
    func idsPaging() {
        let index = R.index(Self.packages)
        let all = index.autocompleteIDs(q: "", prerelease: false, semVer2: false)
        #expect(all.ids == ["Newtonsoft.Json", "JsonKit", "FastJsonSerializer", "Json.Tool", "Json", "Contoso.Lib"])
        let page = index.autocompleteIDs(q: "", skip: 1, take: 2, prerelease: false, semVer2: false)
        #expect(page.totalHits == 6)
        #expect(page.ids == ["JsonKit", "FastJsonSerializer"])
    }

    @Test("ids: package type filter", arguments: [("DotnetTool", ["Json.Tool"]), ("nosuch", [String]())])
    func idsPackageType(_ type: String, _ expected: [String]) {
        let index = R.index(Self.packages)
        #expect(index.autocompleteIDs(q: "json", prerelease: true, semVer2: true, packageType: type).ids == expected)
    }

    @Test(
        "versions: listed only, ascending in NuGet order, full(v) for SemVer 2 requests",
        arguments: [
            ("Contoso.Lib", false, false, ["1.0.0", "1.2.0", "1.10.0"]),
            ("contoso.lib", true, false, ["1.0.0", "1.2.0", "1.10.0"]),
            ("CONTOSO.LIB", true, true, ["1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "2.0.0+sha.abc"]),
            ("contoso.lib", false, true, ["1.0.0", "1.2.0", "1.10.0", "2.0.0+sha.abc"]),
            ("json.beta", false, true, []),
            ("no.such.id", true, true, []),
        ]
    )
    func versions(_ id: String, _ prerelease: Bool, _ semVer2: Bool, _ expected: [String]) {
        let index = R.index(Self.packages)
        #expect(index.autocompleteVersions(id: id, prerelease: prerelease, semVer2: semVer2) == expected)
    }
}
