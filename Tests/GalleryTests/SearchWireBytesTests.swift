import Foundation
import Gallery
import NuGetProtocol
import Testing

/// The hand-written search and autocomplete JSON is byte for byte what `WireJSON.encode` makes of the same values.
@Suite("Search answers written by hand")
struct SearchWireBytesTests {
    /// Every ASCII character (controls, quotes, backslash, slash), non-ASCII ones that some encoders escape
    /// (U+007F, U+2028, U+2029, a BOM) and one outside the BMP.
    static let awkward = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self) + "\u{7F}é\u{2028}\u{2029}\u{FEFF}😀 ✓"

    static func package(optionals: Bool, awkwardText: Bool) -> SearchResponse.Package {
        let text = awkwardText ? awkward : "Helpers for JSON."
        return SearchResponse.Package(
            atID: "https://pkgs.example.com/v3/registration/contoso.utils/index.json",
            registration: optionals ? "https://pkgs.example.com/v3/registration/contoso.utils/index.json" : nil,
            id: "Contoso.Utils", version: "1.1.0-beta.1+meta", description: optionals ? text : nil, summary: optionals ? text : nil,
            title: optionals ? "Utils \"quoted\"" : nil, iconUrl: optionals ? "https://x.example/icon.png?a=1&b=/2" : nil,
            licenseUrl: optionals ? "https://licenses.nuget.org/MIT" : nil, projectUrl: optionals ? "https://x.example/p" : nil,
            tags: awkwardText ? [awkward, "", "json"] : [], authors: optionals ? ["Contoso", text] : [],
            owners: optionals ? ["alice", "bob"] : [], totalDownloads: optionals ? Int64.max : 0, verified: optionals,
            packageTypes: optionals ? [.init(name: "Dependency"), .init(name: "DotnetTool")] : [],
            versions: optionals
                ? [.init(version: "1.0.0", downloads: 0, atID: "https://pkgs.example.com/v3/registration/contoso.utils/1.0.0.json"),
                   .init(version: "1.1.0-beta.1+meta", downloads: -7, atID: "u")]
                : [],
            deprecation: optionals
                ? Deprecation(reasons: ["Legacy", "CriticalBugs"], message: text, alternatePackage: AlternatePackage(id: "Other", range: "*"))
                : nil,
            vulnerabilities: optionals ? [.init(advisoryUrl: "https://github.com/advisories/GHSA-1", severity: 3), .init(advisoryUrl: "", severity: 0)] : []
        )
    }

    static let responses: [SearchResponse] = [
        SearchResponse(totalHits: 0, data: []),
        SearchResponse(totalHits: 1, data: [package(optionals: false, awkwardText: false)]),
        SearchResponse(totalHits: 12_345, data: [package(optionals: true, awkwardText: false), package(optionals: true, awkwardText: true)]),
        SearchResponse(totalHits: 2, data: [package(optionals: false, awkwardText: true)]),
    ]

    @Test("search answers", arguments: responses)
    func search(_ response: SearchResponse) {
        let expected = Array(WireJSON.encode(response))
        #expect(response.wireBytes == expected, "\(String(decoding: response.wireBytes, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
    }

    @Test("a deprecation without a message or an alternate package")
    func bareDeprecation() {
        var package = Self.package(optionals: true, awkwardText: false)
        package.deprecation = Deprecation(reasons: [])
        let response = SearchResponse(totalHits: 1, data: [package])
        #expect(response.wireBytes == Array(WireJSON.encode(response)))
    }

    @Test("autocomplete answers, ids and versions modes", arguments: [
        AutocompleteResponse.ids(totalHits: 0, []), AutocompleteResponse.ids(totalHits: 3, ["A", "b.c", awkward]),
        AutocompleteResponse.versions([]), AutocompleteResponse.versions(["1.0.0", "2.0.0-rc.1+build"]),
    ])
    func autocomplete(_ response: AutocompleteResponse) {
        #expect(response.wireBytes == Array(WireJSON.encode(response)))
    }

    @Test("answers rendered from the index", arguments: [true, false])
    func rendered(_ semVer2: Bool) {
        let renderer = SearchResponseRenderer(urls: FeedURLs(base: "https://pkgs.example.com/"))
        var deprecated = SearchFixture.record("Contoso.Old", "2.0.0", description: Self.awkward, tags: ["a", "b"])
        deprecated.deprecation = PackageDeprecation(reasons: ["Other"], message: "use \"new\"", alternatePackageID: "Contoso.New", alternatePackageRange: nil)
        let index = SearchFixture.index([
            [SearchFixture.record("Contoso.Utils", "1.0.0"), SearchFixture.record("Contoso.Utils", "1.1.0-beta", title: "Utils")],
            [deprecated],
        ])
        let response = renderer.render(index.search(SearchQuery(includePrerelease: true, includeSemVer2: semVer2)), semVer2: semVer2)
        #expect(response.data.count == 2)
        #expect(response.wireBytes == Array(WireJSON.encode(response)))
    }
}
