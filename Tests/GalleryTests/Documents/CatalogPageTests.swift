import Foundation
import Gallery
import Testing

/// Catalog pages and the catalog index (protocol §6).
@Suite("Catalog pages and index")
struct CatalogPageTests {
    static let urls = RecordFixture.urls

    static func entries(_ count: Int, page: Int64 = 0) throws -> [CatalogEntry] {
        try (0..<count).map { index in
            var entry = CatalogRenderer.entry(
                for: try RecordFixture.record("Contoso.Utils", "1.0.\(index)"),
                kind: index == 2 ? .packageDelete : .packageDetails,
                commitID: "commit-\(index)", commitTimeStamp: RecordFixture.pushed.addingTimeInterval(Double(index)))
            entry.sequence = page * CatalogEntry.pageSize + Int64(index)
            return entry
        }
    }

    @Test("page: @id, parent, count, newest commit and items in sequence order")
    func page() throws {
        let entries = try Self.entries(3, page: 4)
        let document = CatalogRenderer.page(entries: entries.reversed(), page: 4, urls: Self.urls)
        #expect(document.path == "catalog/page4.json")
        let page = try JSONTree.object(document.body)
        #expect(page["@id"] as? String == RecordFixture.v3 + "catalog/page4.json")
        #expect(page["@type"] as? String == "CatalogPage")
        #expect(page["parent"] as? String == RecordFixture.v3 + "catalog/index.json")
        #expect(page["count"] as? Int == 3)
        #expect(page["commitId"] as? String == "commit-2")
        #expect(page["commitTimeStamp"] as? String == "2025-01-02T03:04:07.123456Z")
        let items = try page.objects("items")
        #expect(items.map { $0["nuget:version"] as? String } == ["1.0.0", "1.0.1", "1.0.2"])
        #expect(items.map { $0["@type"] as? String } == ["nuget:PackageDetails", "nuget:PackageDetails", "nuget:PackageDelete"])
        #expect(items.allSatisfy { $0["nuget:id"] as? String == "Contoso.Utils" })
        #expect(items[1]["commitId"] as? String == "commit-1")
        #expect(items[1]["commitTimeStamp"] as? String == "2025-01-02T03:04:06.123456Z")
        #expect(items[0]["@id"] as? String == RecordFixture.v3 + "catalog/" + entries[0].leafPath)
    }

    @Test("index: one reference per page and the newest commit overall")
    func index() throws {
        let summaries = [
            try #require(CatalogPageSummary(page: 1, entries: try Self.entries(2, page: 1))),
            CatalogPageSummary(page: 0, commitID: "old", commitTimeStamp: RecordFixture.pushed.addingTimeInterval(-60), count: 550),
        ]
        let document = CatalogRenderer.index(pageSummaries: summaries, urls: Self.urls)
        #expect(document.path == "catalog/index.json")
        let index = try JSONTree.object(document.body)
        #expect(index["@id"] as? String == RecordFixture.urls.catalogIndex)
        #expect(index["count"] as? Int == 2)
        #expect(index["commitId"] as? String == "commit-1")
        #expect(index["commitTimeStamp"] as? String == "2025-01-02T03:04:06.123456Z")
        let items = try index.objects("items")
        #expect(items.map { $0["@id"] as? String } == [RecordFixture.v3 + "catalog/page0.json", RecordFixture.v3 + "catalog/page1.json"])
        #expect(items.map { $0["count"] as? Int } == [550, 2])
        #expect(items.map { $0["commitId"] as? String } == ["old", "commit-1"])
        #expect(items[0]["commitTimeStamp"] as? String == "2025-01-02T03:03:05.123456Z")
    }

    @Test("an empty catalog answers with .NET's minimum date, where readers start their cursor")
    func emptyIndex() throws {
        let index = try JSONTree.object(CatalogRenderer.index(pageSummaries: [], urls: Self.urls).body)
        #expect(index["count"] as? Int == 0)
        #expect(index["items"] as? [Any] != nil)
        #expect(index["commitTimeStamp"] as? String == "0001-01-01T00:00:00Z")
        #expect(index["commitId"] as? String == "00000000-0000-0000-0000-000000000000")
    }

    @Test("page summary takes the newest entry, and none for an empty page")
    func summary() throws {
        let entries = try Self.entries(3)
        let summary = try #require(CatalogPageSummary(page: 0, entries: entries.shuffled()))
        #expect(summary.commitID == "commit-2")
        #expect(summary.count == 3)
        #expect(summary.commitTimeStamp == entries[2].commitTimeStamp)
        #expect(CatalogPageSummary(page: 0, entries: []) == nil)
    }
}
