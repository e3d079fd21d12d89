public import Foundation
import NuGetProtocol

/// What the catalog index says about one page: its newest commit and its size.
public struct CatalogPageSummary: Sendable, Equatable {
    /// Page number (`CatalogEntry.page`).
    public var page: Int64
    /// Commit id of the page's newest item.
    public var commitID: String
    /// Commit time of the page's newest item.
    public var commitTimeStamp: Date
    /// Number of items on the page.
    public var count: Int

    /// Creates a summary from known values.
    public init(page: Int64, commitID: String, commitTimeStamp: Date, count: Int) {
        self.page = page
        self.commitID = commitID
        self.commitTimeStamp = commitTimeStamp
        self.count = count
    }

    /// Summarizes a page's entries; nil when the page is empty.
    public init?(page: Int64, entries: [CatalogEntry]) {
        guard let newest = entries.max(by: { $0.sequence < $1.sequence }) else { return nil }
        self.init(page: page, commitID: newest.commitID, commitTimeStamp: newest.commitTimeStamp, count: entries.count)
    }
}

extension CatalogRenderer {
    /// `catalog/page{N}.json`: the page's items, oldest first, each pointing at its leaf.
    public static func page(entries: [CatalogEntry], page: Int64, urls: FeedURLs) -> RenderedDocument {
        let ordered = entries.sorted { $0.sequence < $1.sequence }
        let items = ordered.map { entry in
            CatalogPageItem(
                url: urls.catalogLeaf(path: entry.leafPath), type: "nuget:\(entry.kind.rawValue)",
                commitId: entry.commitID, commitTimeStamp: WireDate.format(entry.commitTimeStamp, zone: .zulu),
                packageID: entry.id, packageVersion: entry.version)
        }
        let newest = ordered.last
        let pageURL = urls.catalogPage(page)
        let document = CatalogPage(
            url: pageURL, commitId: newest?.commitID ?? emptyCommitID,
            commitTimeStamp: WireDate.format(newest?.commitTimeStamp ?? WireDate.minimum, zone: .zulu),
            parent: urls.catalogIndex, items: items)
        return RenderedDocument(path: urls.documentPath(of: pageURL), body: WireJSON.encode(document))
    }

    /// `catalog/index.json`: one reference per page, and the newest commit overall.
    ///
    /// An empty catalog still answers, with .NET's minimum date, the value readers start their cursor at.
    public static func index(pageSummaries: [CatalogPageSummary], urls: FeedURLs) -> RenderedDocument {
        let ordered = pageSummaries.sorted { $0.page < $1.page }
        let items = ordered.map { summary in
            CatalogIndexItem(
                url: urls.catalogPage(summary.page), commitId: summary.commitID,
                commitTimeStamp: WireDate.format(summary.commitTimeStamp, zone: .zulu), count: summary.count)
        }
        let newest = ordered.max { $0.commitTimeStamp < $1.commitTimeStamp }
        let document = CatalogIndex(
            url: urls.catalogIndex, commitId: newest?.commitID ?? emptyCommitID,
            commitTimeStamp: WireDate.format(newest?.commitTimeStamp ?? WireDate.minimum, zone: .zulu), items: items)
        return RenderedDocument(path: urls.documentPath(of: urls.catalogIndex), body: WireJSON.encode(document))
    }

    /// The commit id of an empty catalog or page.
    static let emptyCommitID = "00000000-0000-0000-0000-000000000000"
}
