import Foundation
import Gallery
import Testing

/// What differs between the three hives (protocol §4 "Hives"): SemVer 2.0.0 exclusion and same-hive links.
@Suite("Registration hives")
struct RegistrationHiveTests {
    static let urls = RecordFixture.urls

    static func versions(in hive: FeedURLs.Hive, _ documents: [RenderedDocument]) throws -> [String] {
        let index = try JSONTree.document("\(hive.rawValue)/contoso.utils/index.json", in: documents)
        return try index.objects("items").flatMap { try $0.objects("items") }.map { try $0.object("catalogEntry").string("version") }
    }

    static func mixed() throws -> [PackageVersionRecord] {
        [
            try RecordFixture.record("Contoso.Utils", "1.0.0"),
            try RecordFixture.record("Contoso.Utils", "1.1.0-beta.1"),  // SemVer2: dotted label
            try RecordFixture.record("Contoso.Utils", "1.2.0+sha.abc"),  // SemVer2: metadata
            try RecordFixture.record("Contoso.Utils", "1.3.0", semVer2Dependency: true),  // SemVer2: a dependency bound
            try RecordFixture.record("Contoso.Utils", "1.4.0-beta"),
        ]
    }

    @Test("SemVer 1.0.0 hives leave SemVer 2.0.0 versions out", arguments: [FeedURLs.Hive.semVer1, .gzSemVer1])
    func semVer1Excludes(hive: FeedURLs.Hive) throws {
        let documents = PackageDocuments.render(records: try Self.mixed(), urls: Self.urls)
        #expect(try Self.versions(in: hive, documents) == ["1.0.0", "1.4.0-beta"])
        #expect(!documents.contains { $0.path == "\(hive.rawValue)/contoso.utils/1.1.0-beta.1.json" })
        #expect(documents.contains { $0.path == "\(hive.rawValue)/contoso.utils/1.4.0-beta.json" })
    }

    @Test("the SemVer 2.0.0 hive holds every version")
    func semVer2Includes() throws {
        let documents = PackageDocuments.render(records: try Self.mixed(), urls: Self.urls)
        #expect(try Self.versions(in: .gzSemVer2, documents) == ["1.0.0", "1.1.0-beta.1", "1.2.0+sha.abc", "1.3.0", "1.4.0-beta"])
        #expect(documents.contains { $0.path == "registration-gz-semver2/contoso.utils/1.2.0.json" })
    }

    @Test("a package with only SemVer 2.0.0 versions has no SemVer 1.0.0 documents at all")
    func onlySemVer2() throws {
        let records = [try RecordFixture.record("Contoso.Utils", "2.0.0-rc.1")]
        for hive in [FeedURLs.Hive.semVer1, .gzSemVer1] {
            #expect(RegistrationRenderer.render(hive: hive, records: records, urls: Self.urls).isEmpty)
        }
        let documents = PackageDocuments.render(records: records, urls: Self.urls)
        #expect(documents.map(\.path).sorted() == [
            "flat/contoso.utils/index.json",
            "registration-gz-semver2/contoso.utils/2.0.0-rc.1.json",
            "registration-gz-semver2/contoso.utils/index.json",
        ])
    }

    @Test("dependency registration links point into the same hive", arguments: FeedURLs.Hive.allCases)
    func dependencyLinks(hive: FeedURLs.Hive) throws {
        let record = try RecordFixture.record {
            $0.dependencyGroups = [DependencyGroupInfo(targetFramework: "net8.0", dependencies: [
                DependencyInfo(id: "Contoso.Core", range: "[2.1.0, )"),
                DependencyInfo(id: "Fabrikam.Json", range: "[1.0.0, 2.0.0)"),
            ])]
        }
        let leaf = try RegistrationShapeTests.leaf(record, hive: hive)
        let group = try #require(try leaf.object("catalogEntry").objects("dependencyGroups").first)
        let dependencies = try group.objects("dependencies")
        #expect(dependencies.map { $0["id"] as? String } == ["Contoso.Core", "Fabrikam.Json"])
        #expect(dependencies.map { $0["range"] as? String } == ["[2.1.0, )", "[1.0.0, 2.0.0)"])
        #expect(dependencies.map { $0["registration"] as? String } == [
            RecordFixture.v3 + "\(hive.rawValue)/contoso.core/index.json",
            RecordFixture.v3 + "\(hive.rawValue)/fabrikam.json/index.json",
        ])
    }

    @Test("every hive's documents sit at the path of their @id")
    func pathsMatchURLs() throws {
        var records = try RecordFixture.versions(130)
        records.append(try RecordFixture.record("Contoso.Utils", "3.0.0"))
        let documents = PackageDocuments.render(records: records, urls: Self.urls)
        #expect(Set(documents.map(\.path)).count == documents.count)
        for document in documents where !document.path.hasPrefix("flat/") {
            let object = try JSONTree.object(document.body)
            #expect(object["@id"] as? String == RecordFixture.v3 + document.path)
        }
        #expect(documents.contains { $0.path == "flat/contoso.utils/index.json" })
    }

    @Test("every URL in every document is absolute, below the feed's /v3/")
    func absoluteURLs() throws {
        let record = try RecordFixture.record {
            $0.hasIcon = true
            $0.licenseFile = "LICENSE.txt"
            $0.dependencyGroups = [DependencyGroupInfo(targetFramework: nil, dependencies: [DependencyInfo(id: "A", range: "[1.0.0, )")])]
        }
        let documents = PackageDocuments.render(records: [record] + (try RecordFixture.versions(130)), urls: Self.urls)
        let keys: Set = ["@id", "packageContent", "registration", "parent", "iconUrl", "licenseUrl", "catalogEntry"]
        var checked = 0
        for document in documents {
            for (key, value) in JSONTree.strings(forKeys: keys, in: try JSONTree.object(document.body)) where !value.isEmpty {
                #expect(value.hasPrefix(RecordFixture.v3), "\(key) = \(value) in \(document.path)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }
}
