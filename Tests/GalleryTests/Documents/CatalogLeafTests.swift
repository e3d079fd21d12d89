import Foundation
import Gallery
import NuGetProtocol
import Testing

/// Catalog leaves (protocol §6): full snapshots written at commit time.
@Suite("Catalog leaves")
struct CatalogLeafTests {
    static let commit = "7c1e0b5e-2a0c-4a4e-9d1f-3b2f4c5d6e7f"
    /// 2025-02-01T10:20:30.5Z
    static let stamp = Date(timeIntervalSince1970: 1_738_405_230.5)

    static func leaf(_ record: PackageVersionRecord, kind: CatalogEntry.Kind = .packageDetails) throws -> (path: String, object: JSONObject) {
        let leaf = CatalogRenderer.leaf(for: record, kind: kind, commitID: commit, commitTimeStamp: stamp)
        return (leaf.path, try JSONTree.object(leaf.json))
    }

    @Test("PackageDetails leaf carries every §6 field")
    func details() throws {
        let record = try RecordFixture.record("Contoso.Utils", "1.0.01-Beta", metadata: {
            $0.title = "Utilities"
            $0.tags = ["helpers"]
            $0.licenseExpression = "MIT"
            $0.licenseUrl = "https://aka.ms/deprecateLicenseUrl"
            $0.projectUrl = "https://contoso.example"
            $0.releaseNotes = "First."
            $0.dependencyGroups = [DependencyGroupInfo(targetFramework: "netstandard2.0", dependencies: [
                DependencyInfo(id: "Contoso.Core", range: "[2.1.0, )"),
            ])]
        })
        let leaf = try Self.leaf(record).object
        #expect(leaf["@type"] as? [String] == ["PackageDetails", "catalog:Permalink"])
        #expect(leaf["catalog:commitId"] as? String == Self.commit)
        #expect(leaf["catalog:commitTimeStamp"] as? String == "2025-02-01T10:20:30.5Z")
        #expect(leaf["id"] as? String == "Contoso.Utils")
        #expect(leaf["version"] as? String == "1.0.1-Beta")
        #expect(leaf["verbatimVersion"] as? String == "1.0.01-Beta")
        #expect(leaf["isPrerelease"] as? Bool == true)
        #expect(leaf["listed"] as? Bool == true)
        #expect(leaf["published"] as? String == "2025-01-03T00:00:00Z")
        #expect(leaf["created"] as? String == "2025-01-02T03:04:05.123456Z")
        #expect(leaf["packageHash"] as? String == "q1w2e3r4t5y6u7i8o9p0==")
        #expect(leaf["packageHashAlgorithm"] as? String == "SHA512")
        #expect(leaf["packageSize"] as? Int == 12_345)
        #expect(leaf["authors"] as? String == "Contoso, Fabrikam")
        #expect(leaf["description"] as? String == "Helpers.")
        #expect(leaf["title"] as? String == "Utilities")
        #expect(leaf["tags"] as? [String] == ["helpers"])
        #expect(leaf["licenseExpression"] as? String == "MIT")
        // The catalog is the nuspec's snapshot: licenseUrl as authored.
        #expect(leaf["licenseUrl"] as? String == "https://aka.ms/deprecateLicenseUrl")
        #expect(leaf["projectUrl"] as? String == "https://contoso.example")
        #expect(leaf["releaseNotes"] as? String == "First.")
        #expect(leaf["requireLicenseAcceptance"] as? Bool == false)
        let group = try #require(try leaf.objects("dependencyGroups").first)
        #expect(group["targetFramework"] as? String == ".NETStandard2.0")
        let dependency = try #require(try group.objects("dependencies").first)
        #expect(dependency["id"] as? String == "Contoso.Core")
        #expect(dependency["range"] as? String == "[2.1.0, )")
        #expect(dependency["registration"] == nil)
        // Leaves hold no URL of ours, so stored bytes survive a change of base URL.
        #expect(leaf["@id"] == nil)
        #expect(!String(decoding: CatalogRenderer.leaf(for: record, kind: .packageDetails, commitID: Self.commit, commitTimeStamp: Self.stamp).json, as: UTF8.self).contains("pkgs.example.com"))
    }

    @Test("unlisted leaf: listed false and published 1900-01-01T00:00:00Z")
    func unlisted() throws {
        let leaf = try Self.leaf(try RecordFixture.record(listed: false)).object
        #expect(leaf["listed"] as? Bool == false)
        #expect(leaf["published"] as? String == "1900-01-01T00:00:00Z")
    }

    @Test("packageTypes appear only when authored", arguments: [
        ([], nil),
        ([PackageTypeInfo(name: "DotnetTool")], Optional(["DotnetTool"])),
        ([PackageTypeInfo(name: "Dependency"), PackageTypeInfo(name: "Template", version: "1.0")], Optional(["Dependency", "Template"])),
    ])
    func packageTypes(types: [PackageTypeInfo], expected: [String]?) throws {
        let leaf = try Self.leaf(try RecordFixture.record(metadata: { $0.packageTypes = types })).object
        let written = (leaf["packageTypes"] as? [JSONObject])?.map { $0["name"] as? String ?? "" }
        #expect(written == expected)
        if types.count == 2 {
            #expect((leaf["packageTypes"] as? [JSONObject])?.last?["version"] as? String == "1.0")
        }
    }

    @Test("PackageDelete leaf: verbatim version, deletion time as published, originalId")
    func delete() throws {
        let (path, leaf) = try Self.leaf(try RecordFixture.record("Contoso.Utils", "1.0.0.0"), kind: .packageDelete)
        #expect(leaf["@type"] as? [String] == ["PackageDelete", "catalog:Permalink"])
        #expect(leaf["id"] as? String == "Contoso.Utils")
        #expect(leaf["originalId"] as? String == "Contoso.Utils")
        #expect(leaf["version"] as? String == "1.0.0.0")
        #expect(leaf["published"] as? String == "2025-02-01T10:20:30.5Z")
        #expect(leaf["catalog:commitTimeStamp"] as? String == "2025-02-01T10:20:30.5Z")
        #expect(leaf["catalog:commitId"] as? String == Self.commit)
        #expect(leaf["packageHash"] == nil)
        #expect(path == "data/2025.02.01.10.20.30.500000/contoso.utils.1.0.0.json")
    }

    @Test("leaf path: nuget.org's dated folder plus microseconds, lowercase id and normalized version")
    func leafPath() throws {
        let (path, _) = try Self.leaf(try RecordFixture.record("Contoso.Utils", "1.0.0-Beta+sha.1"))
        #expect(path == "data/2025.02.01.10.20.30.500000/contoso.utils.1.0.0-beta.json")
    }

    @Test("two commits in the same second get different leaf paths")
    func uniquePaths() throws {
        let record = try RecordFixture.record()
        let first = CatalogRenderer.leafPath(lowerID: record.lowerID, lowerVersion: record.lowerVersion, commitTimeStamp: Self.stamp)
        let second = CatalogRenderer.leafPath(
            lowerID: record.lowerID, lowerVersion: record.lowerVersion, commitTimeStamp: Self.stamp.addingTimeInterval(0.000_001))
        #expect(first != second)
        #expect(first < second)
    }

    @Test("entry(for:) wraps the leaf for the store", arguments: [CatalogEntry.Kind.packageDetails, .packageDelete])
    func entry(kind: CatalogEntry.Kind) throws {
        let record = try RecordFixture.record("Contoso.Utils", "1.0.0+build.1")
        let entry = CatalogRenderer.entry(for: record, kind: kind, commitID: Self.commit, commitTimeStamp: Self.stamp)
        let leaf = CatalogRenderer.leaf(for: record, kind: kind, commitID: Self.commit, commitTimeStamp: Self.stamp)
        #expect(entry.kind == kind)
        #expect(entry.commitID == Self.commit)
        #expect(entry.commitTimeStamp == Self.stamp)
        #expect(entry.id == "Contoso.Utils")
        #expect(entry.version == "1.0.0+build.1")
        #expect(entry.leafPath == leaf.path)
        #expect(entry.leafJSON == leaf.json)
    }

    @Test("leaves decode back into the right CatalogLeaf case", arguments: [CatalogEntry.Kind.packageDetails, .packageDelete])
    func roundTrip(kind: CatalogEntry.Kind) throws {
        let record = try RecordFixture.record()
        let json = CatalogRenderer.leaf(for: record, kind: kind, commitID: Self.commit, commitTimeStamp: Self.stamp).json
        let decoded = try WireJSON.decode(CatalogLeaf.self, from: json)
        switch (decoded, kind) {
        case (.packageDetails(let details), .packageDetails):
            #expect(details.packageHash == record.packageHash)
        case (.packageDelete(let delete), .packageDelete):
            #expect(delete.version == record.verbatimVersion)
        default:
            Issue.record("decoded \(decoded.pageItemType) for \(kind)")
        }
        #expect(WireJSON.encode(decoded) == json)
    }
}
