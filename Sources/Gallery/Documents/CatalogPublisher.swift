import Foundation
import Synchronization

/// Keeps the catalog's index and newest page documents current (protocol §6).
///
/// Only the newest page ever changes, so a commit re-renders that page and the index. Summaries
/// of the older pages are read once at start and kept in memory.
///
/// Written behind (issue 13): a commit's page and index go into this node's memory at once, pinned there
/// (`DocumentCache.store(_:pinned:)`), so every read on this node sees the commit, while their blob-store
/// copies are written by `flush()`: every second (`CatalogFlushService`), at shutdown, and at once when a page
/// fills up. Consecutive commits then cost two object-store writes a second, not two each. No node reads the
/// newest page or the index from the blob store: each renders its own from the database (at start, and after
/// every change its follower sees) and keeps them pinned. Full pages, which nodes do read from the blob store,
/// are written before the commit that filled them is answered (the rollover flush).
public final class CatalogPublisher: Sendable {
    let store: any CatalogStore
    let blobs: any BlobStore
    let cache: DocumentCache
    let urls: FeedURLs
    private let summaries = Mutex<[CatalogPageSummary]>([])
    /// Rendered documents the blob store does not hold yet, by path: only the newest bytes of each.
    private let unwritten = Mutex<[String: RenderedDocument]>([:])
    /// The newest page this node rendered: it and the index stay pinned in memory.
    private let newestPage = Mutex<Int64>(-1)
    private let serializer = KeyedSerializer()

    /// Creates a publisher.
    public init(store: any CatalogStore, blobs: any BlobStore, cache: DocumentCache, urls: FeedURLs) {
        self.store = store
        self.blobs = blobs
        self.cache = cache
        self.urls = urls
    }

    /// Reads every page's summary and re-renders the two newest pages, the newest page's leaves and the index,
    /// and writes them (start-up repair: a node that stopped between a commit and its flush left them behind).
    public func rebuild() async throws {
        try await serializer.run("catalog") { [self] in
            let count = try await store.catalogCount()
            let pages = count == 0 ? 0 : (count - 1) / CatalogEntry.pageSize + 1
            var loaded: [CatalogPageSummary] = []
            for page in 0..<pages {
                let entries = try await store.catalogEntries(page: page)
                if page == pages - 1 {
                    for entry in entries { try await blobs.put(.document("catalog/\(entry.leafPath)"), data: entry.leafJSON) }
                }
                // The page before the newest too: it may have filled up just before a crash.
                if page >= pages - 2 { keep(CatalogRenderer.page(entries: entries, page: page, urls: urls)) }
                if let summary = CatalogPageSummary(page: page, entries: entries) { loaded.append(summary) }
            }
            summaries.withLock { $0 = loaded }
            newestPage.withLock { $0 = max(pages - 1, 0) }
            keep(CatalogRenderer.index(pageSummaries: loaded, urls: urls))
        }
        try await flush()
    }

    /// Re-renders the newest page and the index after a commit, into memory at once; the blob store gets them at
    /// the next `flush()`, at once when a page filled up.
    public func refresh() async throws {
        let filledPage = try await serializer.run("catalog") { [self] () -> Bool in
            let count = try await store.catalogCount()
            guard count > 0 else { return false }
            let page = (count - 1) / CatalogEntry.pageSize
            // Pages that were newest when this node last looked, or that other nodes filled since, changed
            // after this node last rendered them (their summaries too): render them from the database.
            let known = summaries.withLock { $0.map(\.page).max() ?? -1 }
            var filled = false
            if known < page {
                for older in max(known, 0)..<page {
                    let entries = try await store.catalogEntries(page: older)
                    if let summary = CatalogPageSummary(page: older, entries: entries) {
                        summaries.withLock { $0.removeAll { $0.page == older }; $0.append(summary) }
                    }
                    filled = keep(CatalogRenderer.page(entries: entries, page: older, urls: urls)) || filled
                }
            }
            let entries = try await store.catalogEntries(page: page)
            let previous = newestPage.withLock { newest in defer { newest = max(newest, page) }; return newest }
            if previous >= 0, previous < page {
                for older in previous..<page where unwritten.withLock({ $0["catalog/page\(older).json"] == nil }) {
                    cache.unpin("catalog/page\(older).json")  // in the blob store already: evictable like any full page
                }
            }
            keep(CatalogRenderer.page(entries: entries, page: page, urls: urls))
            let all = summaries.withLock { list -> [CatalogPageSummary] in
                list.removeAll { $0.page >= page }
                if let summary = CatalogPageSummary(page: page, entries: entries) { list.append(summary) }
                list.sort { $0.page < $1.page }
                return list
            }
            keep(CatalogRenderer.index(pageSummaries: all, urls: urls))
            return filled
        }
        if filledPage { try await flush() }
    }

    /// Writes what `refresh()` rendered since the last flush: pages first, then the index that lists them.
    /// On failure the documents stay unwritten (and pinned) for the next flush.
    public func flush() async throws {
        try await serializer.run("flush") { [self] in
            let batch = unwritten.withLock { $0 }
            guard !batch.isEmpty else { return }
            let index = batch.values.filter { $0.path == "catalog/index.json" }
            let pages = batch.values.filter { $0.path != "catalog/index.json" }
            try await forEachConcurrently(pages) { [self] document in try await write(document) }
            for document in index { try await write(document) }
        }
    }

    /// Puts a rendered document into memory, pinned, and queues it for the blob store; false when memory held
    /// these very bytes already (nothing to write).
    @discardableResult
    private func keep(_ document: RenderedDocument) -> Bool {
        if cache.document(at: document.path)?.etag == document.etag, unwritten.withLock({ $0[document.path] == nil }) {
            return false
        }
        cache.store(document, pinned: true)
        unwritten.withLock { $0[document.path] = document }
        return true
    }

    private func write(_ document: RenderedDocument) async throws {
        try await blobs.put(.document(document.path), data: document.body)
        let stillNewest = unwritten.withLock { pending -> Bool in
            // A newer render of the path arrived meanwhile: it stays queued (and pinned).
            guard pending[document.path]?.etag == document.etag else { return true }
            pending[document.path] = nil
            return false
        }
        if !stillNewest, !isPinnedForGood(document.path) { cache.unpin(document.path) }
    }

    /// The index and the newest page stay in memory for good: no node reads them from the blob store.
    private func isPinnedForGood(_ path: String) -> Bool {
        path == "catalog/index.json" || path == "catalog/page\(newestPage.withLock { $0 }).json"
    }
}
