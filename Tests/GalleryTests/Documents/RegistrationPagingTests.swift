import Foundation
import Gallery
import Testing

/// nuget.org's paging heuristic (protocol §4): ≤ 127 versions inline in pages of 64, 128+ not inlined.
@Suite("Registration paging")
struct RegistrationPagingTests {
    static let urls = RecordFixture.urls
    static let indexPath = "registration-gz-semver2/contoso.utils/index.json"

    /// (versions, expected page bounds as patch numbers)
    static let cases: [(count: Int, pages: [ClosedRange<Int>])] = [
        (1, [0...0]),
        (64, [0...63]),
        (65, [0...63, 64...64]),
        (127, [0...63, 64...126]),
        (128, [0...63, 64...127]),
        (300, [0...63, 64...127, 128...191, 192...255, 256...299]),
    ]

    @Test("index pages have count, lower and upper in ascending order", arguments: cases)
    func pageBounds(count: Int, pages expected: [ClosedRange<Int>]) throws {
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: try RecordFixture.versions(count), urls: Self.urls)
        let index = try JSONTree.document(Self.indexPath, in: documents)
        let pages = try index.objects("items")
        #expect(index["count"] as? Int == expected.count)
        #expect(pages.map { $0["count"] as? Int } == expected.map { $0.count })
        #expect(pages.map { $0["lower"] as? String } == expected.map { "1.0.\($0.lowerBound)" })
        #expect(pages.map { $0["upper"] as? String } == expected.map { "1.0.\($0.upperBound)" })
    }

    @Test("up to 127 versions every leaf is inlined in the index", arguments: [1, 64, 65, 127])
    func inlined(count: Int) throws {
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: try RecordFixture.versions(count), urls: Self.urls)
        let index = try JSONTree.document(Self.indexPath, in: documents)
        let pages = try index.objects("items")
        let versions = try pages.flatMap { try $0.objects("items") }.map { try $0.object("catalogEntry").string("version") }
        #expect(versions == (0..<count).map { "1.0.\($0)" })
        for page in pages {
            #expect(try page.string("@id").hasPrefix(RecordFixture.v3 + Self.indexPath + "#page/"))
            #expect(page["parent"] as? String == RecordFixture.v3 + Self.indexPath)
            #expect(page["@type"] as? String == "catalog:CatalogPage")
        }
        // Index + one standalone leaf per version, no page documents.
        #expect(documents.count == 1 + count)
        #expect(!documents.contains { $0.path.contains("/page/") })
    }

    @Test("from 128 versions pages are separate documents with items and parent", arguments: [128, 300])
    func notInlined(count: Int) throws {
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: try RecordFixture.versions(count), urls: Self.urls)
        let index = try JSONTree.document(Self.indexPath, in: documents)
        var seen: [String] = []
        for reference in try index.objects("items") {
            #expect(reference["items"] == nil)
            let url = try reference.string("@id")
            #expect(url.hasPrefix(RecordFixture.v3 + "registration-gz-semver2/contoso.utils/page/"))
            let page = try JSONTree.document(String(url.dropFirst(RecordFixture.v3.count)), in: documents)
            #expect(page["@id"] as? String == url)
            #expect(page["parent"] as? String == RecordFixture.v3 + Self.indexPath)
            #expect(page["count"] as? Int == reference["count"] as? Int)
            #expect(page["lower"] as? String == reference["lower"] as? String)
            #expect(page["upper"] as? String == reference["upper"] as? String)
            let leaves = try page.objects("items")
            #expect(leaves.count == page["count"] as? Int)
            seen += try leaves.map { try $0.object("catalogEntry").string("version") }
        }
        #expect(seen == (0..<count).map { "1.0.\($0)" })
    }

    @Test("page URLs use lowercase bounds while lower and upper keep the normalized version")
    func prereleaseBounds() throws {
        var records = try (0..<127).map { try RecordFixture.record("Contoso.Utils", "1.0.\($0)") }  // + 1 = 128: not inlined
        records.append(try RecordFixture.record("Contoso.Utils", "2.0.0-RC.1"))
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: records, urls: Self.urls)
        let last = try #require(try JSONTree.document(Self.indexPath, in: documents).objects("items").last)
        #expect(last["upper"] as? String == "2.0.0-RC.1")
        #expect(try last.string("@id").hasSuffix("/page/1.0.64/2.0.0-rc.1.json"))
        #expect(documents.contains { $0.path == "registration-gz-semver2/contoso.utils/page/1.0.64/2.0.0-rc.1.json" })
    }

    @Test("NuGet version order, not string order: 1.0.9 < 1.0.10 and prerelease before release")
    func nuGetOrder() throws {
        let records = try ["1.0.10", "1.0.9", "1.0.0", "1.0.0-beta", "1.0.0-alpha.10", "1.0.0-alpha.9"].map {
            try RecordFixture.record("Contoso.Utils", $0)
        }
        let documents = RegistrationRenderer.render(hive: .gzSemVer2, records: records, urls: Self.urls)
        let page = try #require(try JSONTree.document(Self.indexPath, in: documents).objects("items").first)
        let versions = try page.objects("items").map { try $0.object("catalogEntry").string("version") }
        #expect(versions == ["1.0.0-alpha.9", "1.0.0-alpha.10", "1.0.0-beta", "1.0.0", "1.0.9", "1.0.10"])
        #expect(page["lower"] as? String == "1.0.0-alpha.9")
        #expect(page["upper"] as? String == "1.0.10")
    }
}
