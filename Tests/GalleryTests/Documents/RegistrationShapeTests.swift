import Foundation
import Gallery
import Testing

/// Golden shapes of registration documents (protocol §4 and the required fields of §12.8).
@Suite("Registration document shape")
struct RegistrationShapeTests {
    static let urls = RecordFixture.urls
    static let base = RecordFixture.v3 + "registration-gz-semver2/contoso.utils/"

    /// The single inlined leaf of a one-version package in the SemVer 2.0.0 hive.
    static func leaf(_ record: PackageVersionRecord, hive: FeedURLs.Hive = .gzSemVer2) throws -> JSONObject {
        let documents = RegistrationRenderer.render(hive: hive, records: [record], urls: urls)
        let index = try JSONTree.document("\(hive.rawValue)/\(record.lowerID)/index.json", in: documents)
        let page = try #require(try index.objects("items").first)
        return try #require(try page.objects("items").first)
    }

    @Test("index carries @id, @type, count and pages")
    func index() throws {
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: [try RecordFixture.record()], urls: Self.urls)
        let index = try JSONTree.document("registration-gz-semver2/contoso.utils/index.json", in: documents)
        #expect(index["@id"] as? String == Self.base + "index.json")
        #expect(index["@type"] as? [String] == ["catalog:CatalogRoot", "PackageRegistration", "catalog:Permalink"])
        #expect(index["count"] as? Int == 1)
        let page = try #require(try index.objects("items").first)
        #expect(page["@id"] as? String == Self.base + "index.json#page/1.0.0/1.0.0")
        #expect(page["lower"] as? String == "1.0.0")
        #expect(page["upper"] as? String == "1.0.0")
    }

    @Test("page item has @id, @type, packageContent and registration")
    func pageItem() throws {
        let leaf = try Self.leaf(try RecordFixture.record())
        #expect(leaf["@id"] as? String == Self.base + "1.0.0.json")
        #expect(leaf["@type"] as? String == "Package")
        #expect(leaf["packageContent"] as? String == RecordFixture.v3 + "flat/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg")
        #expect(leaf["registration"] as? String == Self.base + "index.json")
    }

    @Test("catalogEntry has every field NuGet.Client reads")
    func catalogEntry() throws {
        let record = try RecordFixture.record("Contoso.Utils", "1.0.0+build.7") {
            $0.title = "Utilities"
            $0.summary = "Small helpers."
            $0.tags = ["helpers", "utils"]
            $0.projectUrl = "https://contoso.example/utils"
            $0.language = "en-US"
            $0.requireLicenseAcceptance = true
            $0.minClientVersion = "2.12"
        }
        let entry = try Self.leaf(record).object("catalogEntry")
        #expect(entry["@type"] as? String == "PackageDetails")
        #expect(entry["id"] as? String == "Contoso.Utils")
        #expect(entry["version"] as? String == "1.0.0+build.7")
        #expect(entry["authors"] as? String == "Contoso, Fabrikam")
        #expect(entry["description"] as? String == "Helpers.")
        #expect(entry["title"] as? String == "Utilities")
        #expect(entry["summary"] as? String == "Small helpers.")
        #expect(entry["tags"] as? [String] == ["helpers", "utils"])
        #expect(entry["projectUrl"] as? String == "https://contoso.example/utils")
        #expect(entry["language"] as? String == "en-US")
        #expect(entry["requireLicenseAcceptance"] as? Bool == true)
        #expect(entry["minClientVersion"] as? String == "2.12")
        #expect(entry["listed"] as? Bool == true)
        #expect(entry["published"] as? String == "2025-01-03T00:00:00+00:00")
        #expect(entry["packageContent"] as? String == RecordFixture.v3 + "flat/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg")
    }

    @Test("absent strings are empty, as nuget.org writes them; optional objects are omitted")
    func absentValues() throws {
        let entry = try Self.leaf(try RecordFixture.record()).object("catalogEntry")
        for key in ["summary", "title", "language", "projectUrl", "iconUrl", "licenseUrl", "readmeUrl"] {
            #expect(entry[key] as? String == "", "\(key)")
        }
        for key in ["minClientVersion", "licenseExpression", "dependencyGroups", "deprecation", "vulnerabilities"] {
            #expect(entry[key] == nil, "\(key)")
        }
        #expect(entry["tags"] as? [String] == [])
    }

    @Test("an unlisted version stays, with listed false and nuget.org's 1900 date")
    func unlisted() throws {
        let record = try RecordFixture.record(listed: false)
        let leaf = try Self.leaf(record)
        let entry = try leaf.object("catalogEntry")
        #expect(entry["listed"] as? Bool == false)
        #expect(entry["published"] as? String == "1900-01-01T00:00:00+00:00")
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: [record], urls: Self.urls)
        let standalone = try JSONTree.document("registration-gz-semver2/contoso.utils/1.0.0.json", in: documents)
        #expect(standalone["listed"] as? Bool == false)
        #expect(standalone["published"] as? String == "1900-01-01T00:00:00+00:00")
    }

    @Test("standalone leaf: @type array and catalogEntry as a URL string")
    func standaloneLeaf() throws {
        let record = try RecordFixture.record(configure: { $0.catalogLeafPath = "data/2025.01.02.03.04.05.123456/contoso.utils.1.0.0.json" })
        let documents = RegistrationRenderer.render(hive: .semVer1, records: [record], urls: Self.urls)
        let leaf = try JSONTree.document("registration/contoso.utils/1.0.0.json", in: documents)
        let hive = RecordFixture.v3 + "registration/contoso.utils/"
        #expect(leaf["@id"] as? String == hive + "1.0.0.json")
        #expect(leaf["@type"] as? [String] == ["Package", "http://schema.nuget.org/catalog#Permalink"])
        #expect(leaf["catalogEntry"] as? String == RecordFixture.v3 + "catalog/data/2025.01.02.03.04.05.123456/contoso.utils.1.0.0.json")
        #expect(leaf["listed"] as? Bool == true)
        #expect(leaf["published"] as? String == "2025-01-03T00:00:00+00:00")
        #expect(leaf["packageContent"] as? String == RecordFixture.v3 + "flat/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg")
        #expect(leaf["registration"] as? String == hive + "index.json")
    }

    static let leafPath = "data/2025.01.02.03.04.05.123456/contoso.utils.1.0.0.json"
    static let mapURL = RecordFixture.v3 + "catalog/data/2025.02.01.00.00.00.000000/contoso.utils.1.0.0.json"

    @Test("catalogEntry @id: the given map, then the record's leaf path, then a stable URL of ours", arguments: [
        (Optional(mapURL), Optional(leafPath), mapURL),
        (nil, Optional(leafPath), RecordFixture.v3 + "catalog/" + leafPath),
        (nil, nil, base + "1.0.0.json#catalogEntry"),
    ])
    func catalogEntryID(mapped: String?, recordPath: String?, expected: String) throws {
        let record = try RecordFixture.record(configure: { $0.catalogLeafPath = recordPath })
        let map = mapped.map { [record.key: $0] } ?? [:]
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: [record], catalogLeafURLs: map, urls: Self.urls)
        let index = try JSONTree.document("registration-gz-semver2/contoso.utils/index.json", in: documents)
        let entry = try #require(try index.objects("items").first?.objects("items").first).object("catalogEntry")
        #expect(entry["@id"] as? String == expected)
    }

    @Test("a mixed-case id keeps its case in catalogEntry and is lowercase in every URL")
    func idCase() throws {
        let record = try RecordFixture.record("Contoso.UTILS", "1.0.0-Beta")
        let leaf = try Self.leaf(record)
        #expect(try leaf.object("catalogEntry").string("id") == "Contoso.UTILS")
        #expect(try leaf.object("catalogEntry").string("version") == "1.0.0-Beta")
        #expect(leaf["@id"] as? String == Self.base + "1.0.0-beta.json")
        #expect(leaf["packageContent"] as? String == RecordFixture.v3 + "flat/contoso.utils/1.0.0-beta/contoso.utils.1.0.0-beta.nupkg")
    }

    @Test("pending and deleted rows never appear; none available means no documents", arguments: [VersionState.pending, .deleted])
    func unavailable(state: VersionState) throws {
        let hidden = try RecordFixture.record("Contoso.Utils", "2.0.0", state: state)
        #expect(RegistrationRenderer.render(hive: .gzSemVer2, records: [hidden], urls: Self.urls).isEmpty)
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: [hidden, try RecordFixture.record()], urls: Self.urls)
        #expect(!documents.contains { $0.path.hasSuffix("/2.0.0.json") })
        let index = try JSONTree.document("registration-gz-semver2/contoso.utils/index.json", in: documents)
        #expect(try index.objects("items").first?["upper"] as? String == "1.0.0")
    }
}
