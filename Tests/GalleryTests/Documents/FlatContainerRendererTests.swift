import Foundation
import Gallery
import Testing

/// The flat container's version list (protocol §3).
@Suite("Flat container versions")
struct FlatContainerRendererTests {
    @Test("lowercase normalized versions, ascending in NuGet order, unlisted included")
    func versions() throws {
        let records = try [
            RecordFixture.record("Contoso.Utils", "1.0.10"),
            RecordFixture.record("Contoso.Utils", "1.0.9", listed: false),
            RecordFixture.record("Contoso.Utils", "1.0.0-Beta"),
            RecordFixture.record("Contoso.Utils", "1.0"),
            RecordFixture.record("Contoso.Utils", "2.0.0.1"),
            RecordFixture.record("Contoso.Utils", "2.0.0+build.5"),
        ]
        let document = try #require(FlatContainerRenderer.render(records: records, urls: RecordFixture.urls))
        #expect(document.path == "flat/contoso.utils/index.json")
        #expect(RecordFixture.urls.flatIndex(lowerID: "contoso.utils") == RecordFixture.v3 + document.path)
        let object = try JSONTree.object(document.body)
        #expect(object["versions"] as? [String] == ["1.0.0-beta", "1.0.0", "1.0.9", "1.0.10", "2.0.0", "2.0.0.1"])
        #expect(object.count == 1)
    }

    @Test("no document when no version is available", arguments: [[], [VersionState.pending], [.deleted], [.pending, .deleted]])
    func none(states: [VersionState]) throws {
        let records = try states.enumerated().map { try RecordFixture.record("Contoso.Utils", "1.0.\($0.offset)", state: $0.element) }
        #expect(FlatContainerRenderer.render(records: records, urls: RecordFixture.urls) == nil)
        #expect(PackageDocuments.render(records: records, urls: RecordFixture.urls).isEmpty)
    }

    @Test("a hard-deleted version leaves the list")
    func deletedLeaves() throws {
        let records = try [
            RecordFixture.record("Contoso.Utils", "1.0.0"),
            RecordFixture.record("Contoso.Utils", "1.1.0", state: .deleted),
        ]
        let document = try #require(FlatContainerRenderer.render(records: records, urls: RecordFixture.urls))
        #expect(try JSONTree.object(document.body)["versions"] as? [String] == ["1.0.0"])
    }
}
