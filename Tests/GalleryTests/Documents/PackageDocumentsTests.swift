import Foundation
import Gallery
import Testing

/// The entry point that renders every read document of one id.
@Suite("Package documents")
struct PackageDocumentsTests {
    @Test("flat index plus index and one leaf per version in each of the three hives")
    func documentSet() throws {
        let records = try [RecordFixture.record("Contoso.Utils", "1.0.0"), RecordFixture.record("Contoso.Utils", "2.0.0")]
        let paths = PackageDocuments.render(records: records, urls: RecordFixture.urls).map(\.path)
        var expected = ["flat/contoso.utils/index.json"]
        for hive in ["registration", "registration-gz", "registration-gz-semver2"] {
            expected += ["\(hive)/contoso.utils/index.json", "\(hive)/contoso.utils/1.0.0.json", "\(hive)/contoso.utils/2.0.0.json"]
        }
        #expect(paths == expected)
    }

    @Test("paths equal the FeedURLs they are reached by, minus {base}/v3/")
    func pathsFollowFeedURLs() throws {
        let urls = RecordFixture.urls
        let documents = PackageDocuments.render(records: try RecordFixture.versions(128), urls: urls)
        let paths = Set(documents.map(\.path))
        var expected: Set = [urls.flatIndex(lowerID: "contoso.utils")]
        for hive in FeedURLs.Hive.allCases {
            expected.insert(urls.registrationIndex(hive, lowerID: "contoso.utils"))
            expected.insert(urls.registrationPage(hive, lowerID: "contoso.utils", lower: "1.0.0", upper: "1.0.63"))
            expected.insert(urls.registrationPage(hive, lowerID: "contoso.utils", lower: "1.0.64", upper: "1.0.127"))
            for patch in 0..<128 {
                expected.insert(urls.registrationLeaf(hive, lowerID: "contoso.utils", lowerVersion: "1.0.\(patch)"))
            }
        }
        #expect(paths == Set(expected.map { String($0.dropFirst(RecordFixture.v3.count)) }))
    }

    @Test("rendering is deterministic: same rows in any order give the same bytes and ETags")
    func deterministic() throws {
        let records = try RecordFixture.versions(70).map { record in
            var record = record
            record.metadata.dependencyGroups = [DependencyGroupInfo(targetFramework: "net8.0", dependencies: [
                DependencyInfo(id: "Contoso.Core", range: "[1.0.0, )"),
            ])]
            record.metadata.tags = ["a", "b"]
            return record
        }
        let first = PackageDocuments.render(records: records, urls: RecordFixture.urls)
        let second = PackageDocuments.render(records: records.shuffled(), urls: RecordFixture.urls)
        #expect(first == second)
        #expect(first.map(\.etag) == second.map(\.etag))
    }

    /// Linear in what can be counted: documents and bytes per version stay the same from 500 to 1,000 versions
    /// (a page or leaf that grew with the id would show here). The time is printed, never asserted: a stopwatch
    /// fails on a loaded machine; speed is for the benchmarks under bench/.
    @Test("a 1,000-version package renders the same documents and bytes per version as a 500-version one (no quadratic output)")
    func largePackage() throws {
        let clock = ContinuousClock()
        var documents: [RenderedDocument] = []
        let records = try RecordFixture.versions(1_000)
        let elapsed = clock.measure {
            documents = PackageDocuments.render(records: records, urls: RecordFixture.urls)
        }
        print("PackageDocuments timing: 1,000 versions rendered in \(elapsed)")
        // flat + 3 × (index + 16 pages + 1,000 leaves)
        #expect(documents.count == 1 + 3 * (1 + 16 + 1_000))
        let half = PackageDocuments.render(records: try RecordFixture.versions(500), urls: RecordFixture.urls)
        // flat + 3 × (index + 8 pages + 500 leaves)
        #expect(half.count == 1 + 3 * (1 + 8 + 500))
        let bytes = documents.reduce(0) { $0 + $1.body.count }
        let halfBytes = half.reduce(0) { $0 + $1.body.count }
        // Twice the versions, twice the bytes (longer version strings allow a little more), never four times.
        #expect(Double(bytes) / Double(halfBytes) < 2.1, "\(halfBytes) bytes for 500 versions, \(bytes) for 1,000")
    }

    @Test("the JSON is compact, unescaped and key-sorted, so every node writes identical bytes")
    func encoding() throws {
        let documents = PackageDocuments.render(records: [try RecordFixture.record()], urls: RecordFixture.urls)
        let leaf = try #require(documents.first { $0.path == "registration/contoso.utils/1.0.0.json" })
        let text = String(decoding: leaf.body, as: UTF8.self)
        #expect(!text.contains("\\/"))
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix(#"{"@id":"https://pkgs.example.com/v3/registration/contoso.utils/1.0.0.json","@type":["#))
        #expect(leaf.contentType.hasPrefix("application/json"))
    }
}
