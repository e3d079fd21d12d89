import Foundation
import Synchronization

/// Keeps the catalog's index and newest page documents current (protocol §6).
///
/// Only the newest page ever changes, so a commit re-renders that page and the index. Summaries
/// of the older pages are read once at start and kept in memory.
public final class CatalogPublisher: Sendable {
    let store: any CatalogStore
    let blobs: any BlobStore
    let cache: DocumentCache
    let urls: FeedURLs
    private let summaries = Mutex<[CatalogPageSummary]>([])
    private let serializer = KeyedSerializer()

    /// Creates a publisher.
    public init(store: any CatalogStore, blobs: any BlobStore, cache: DocumentCache, urls: FeedURLs) {
        self.store = store
        self.blobs = blobs
        self.cache = cache
        self.urls = urls
    }

    /// Reads every page's summary and re-renders the newest page, its leaves and the index (start-up repair).
    public func rebuild() async throws {
        try await serializer.run("catalog") { [self] in
            let count = try await store.catalogCount()
            let pages = count == 0 ? 0 : (count - 1) / CatalogEntry.pageSize + 1
            var loaded: [CatalogPageSummary] = []
            for page in 0..<pages {
                let entries = try await store.catalogEntries(page: page)
                if page == pages - 1 {
                    for entry in entries { try await blobs.put(.document("catalog/\(entry.leafPath)"), data: entry.leafJSON) }
                    try await write(CatalogRenderer.page(entries: entries, page: page, urls: urls))
                }
                if let summary = CatalogPageSummary(page: page, entries: entries) { loaded.append(summary) }
            }
            summaries.withLock { $0 = loaded }
            try await write(CatalogRenderer.index(pageSummaries: loaded, urls: urls))
        }
    }

    /// Re-renders the newest page and the index after a commit.
    public func refresh() async throws {
        try await serializer.run("catalog") { [self] in
            let count = try await store.catalogCount()
            guard count > 0 else { return }
            let page = (count - 1) / CatalogEntry.pageSize
            // Another node may have filled whole pages since this one last looked: load their summaries.
            let known = summaries.withLock { $0.map(\.page).max() ?? -1 }
            if known + 1 < page {
                for missing in (known + 1)..<page {
                    let older = try await store.catalogEntries(page: missing)
                    if let summary = CatalogPageSummary(page: missing, entries: older) {
                        summaries.withLock { $0.removeAll { $0.page == missing }; $0.append(summary) }
                    }
                }
            }
            let entries = try await store.catalogEntries(page: page)
            try await write(CatalogRenderer.page(entries: entries, page: page, urls: urls))
            let all = summaries.withLock { list -> [CatalogPageSummary] in
                list.removeAll { $0.page >= page }
                if let summary = CatalogPageSummary(page: page, entries: entries) { list.append(summary) }
                list.sort { $0.page < $1.page }
                return list
            }
            try await write(CatalogRenderer.index(pageSummaries: all, urls: urls))
        }
    }

    private func write(_ document: RenderedDocument) async throws {
        try await blobs.put(.document(document.path), data: document.body)
        cache.store(document)
    }
}
