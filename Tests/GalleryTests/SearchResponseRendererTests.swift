import Foundation
import Gallery
import NuGetProtocol
import Testing

@Suite("Search response rendering")
struct SearchResponseRendererTests {
    typealias R = SearchFixture
    static let renderer = SearchResponseRenderer(urls: FeedURLs(base: "https://pkgs.example.com/"))

    static func hit(_ configure: (inout PackageVersionRecord) -> Void = { _ in }) -> SearchHit {
        var latest = R.record("Contoso.Utils", "1.1.0", title: "Utils", description: "Helpers.", authors: "Contoso, Fabrikam ,", tags: ["util"])
        configure(&latest)
        return SearchHit(
            latest: latest,
            versions: [
                SearchHitVersion(version: "1.0.0", lowerVersion: "1.0.0", downloads: 40),
                SearchHitVersion(version: "1.1.0", lowerVersion: "1.1.0", downloads: 2),
            ],
            totalDownloads: 42, owners: ["contoso"], verified: false
        )
    }

    @Test("a hit renders protocol §5's fields, with links into the hive the request can see", arguments: [true, false])
    func fields(_ semVer2: Bool) {
        let package = Self.renderer.render(Self.hit(), semVer2: semVer2)
        let hive = semVer2 ? "registration-gz-semver2" : "registration"
        #expect(package.registration == "https://pkgs.example.com/v3/\(hive)/contoso.utils/index.json")
        #expect(package.atID == package.registration)
        #expect(package.atType == "Package")
        #expect(package.id == "Contoso.Utils" && package.version == "1.1.0")
        #expect(package.authors == ["Contoso", "Fabrikam"])
        #expect(package.tags == ["util"] && package.owners == ["contoso"])
        #expect(package.packageTypes == [SearchResponse.PackageType(name: "Dependency")])
        #expect(package.versions.map(\.atID) == [
            "https://pkgs.example.com/v3/\(hive)/contoso.utils/1.0.0.json", "https://pkgs.example.com/v3/\(hive)/contoso.utils/1.1.0.json",
        ])
        #expect(package.totalDownloads == 42 && package.verified == false && package.vulnerabilities.isEmpty)
    }

    @Test(
        "iconUrl and licenseUrl follow nuget.org's precedence",
        arguments: [
            ("embedded icon", "https://pkgs.example.com/v3/flat/contoso.utils/1.1.0/icon", "https://licenses.nuget.org/MIT%20OR%20Apache-2.0"),
            ("license file", "https://old.example/icon.png", "https://pkgs.example.com/v3/flat/contoso.utils/1.1.0/license"),
            ("urls only", "https://old.example/icon.png", "https://old.example/license"),
        ]
    )
    func iconAndLicense(_ setup: String, _ icon: String, _ license: String) {
        let hit = Self.hit { record in
            record.metadata.iconUrl = "https://old.example/icon.png"
            record.metadata.licenseUrl = "https://old.example/license"
            switch setup {
            case "embedded icon":
                record.metadata.hasIcon = true
                record.metadata.licenseExpression = "MIT OR Apache-2.0"
            case "license file": record.metadata.licenseFile = "LICENSE.txt"
            default: break
            }
        }
        let package = Self.renderer.render(hit, semVer2: true)
        #expect(package.iconUrl == icon)
        #expect(package.licenseUrl == license)
    }

    @Test("the JSON uses the wire keys, omits absent fields and carries deprecation")
    func json() throws {
        let hit = Self.hit { $0.deprecation = PackageDeprecation(reasons: ["Legacy"], alternatePackageID: "Contoso.Utils2") }
        let body = Self.renderer.render(SearchResults(totalHits: 7, hits: [hit]), semVer2: true)
        let object = try JSONSerialization.jsonObject(with: WireJSON.encode(body)) as! [String: Any]
        #expect(object["totalHits"] as? Int == 7)
        let package = try #require((object["data"] as? [[String: Any]])?.first)
        #expect(package["@type"] as? String == "Package")
        #expect(package["@id"] as? String != nil)
        #expect(package["summary"] == nil)
        #expect((package["vulnerabilities"] as? [Any])?.isEmpty == true)
        let versions = try #require(package["versions"] as? [[String: Any]])
        #expect(Set(versions[0].keys) == ["@id", "version", "downloads"])
        let deprecation = try #require(package["deprecation"] as? [String: Any])
        #expect(deprecation["reasons"] as? [String] == ["Legacy"])
        #expect((deprecation["alternatePackage"] as? [String: String]) == ["id": "Contoso.Utils2", "range": "*"])
    }

    @Test("autocomplete versions mode has no totalHits; ids mode has it")
    func autocompleteJSON() throws {
        let versions = String(decoding: WireJSON.encode(AutocompleteResponse.versions(["1.0.0"])), as: UTF8.self)
        #expect(versions == #"{"data":["1.0.0"]}"#)
        let ids = try JSONSerialization.jsonObject(with: WireJSON.encode(AutocompleteResponse.ids(totalHits: 3, ["A"]))) as! [String: Any]
        #expect(ids["totalHits"] as? Int == 3)
    }

    @Test("search results from the index round-trip through the renderer")
    func endToEnd() throws {
        let index = R.index([[R.record("Contoso.Utils", "1.0.0", downloads: 4), R.record("Contoso.Utils", "2.0.0-beta", downloads: 1)]])
        let body = Self.renderer.render(index.search(SearchQuery(q: "contoso", includePrerelease: false)), semVer2: false)
        let package = try #require(body.data.first)
        #expect(body.totalHits == 1)
        #expect(package.version == "1.0.0")
        #expect(package.versions.map(\.version) == ["1.0.0"] && package.versions.map(\.downloads) == [4])
        #expect(package.owners == ["owner-contoso.utils"])
    }
}
