import Foundation
import Gallery
import GalleryTestSupport
import Synchronization
import Testing

/// The catalog's index and newest page are written behind (issue 13): served from memory at once, put in the
/// blob store by `flush()`, and at once when a page fills up; a node that did not commit renders its own from
/// the catalog store, pages filled meanwhile included.
@Suite("Catalog written behind")
struct CatalogWriteBehindTests {
    /// A catalog store the test appends to, standing for the database several nodes share.
    final class Log: CatalogStore {
        private let entries = Mutex<[CatalogEntry]>([])

        func append(_ count: Int) throws {
            let start = entries.withLock { $0.count }
            for index in start..<(start + count) {
                var entry = CatalogRenderer.entry(
                    for: try RecordFixture.record("Contoso.Utils", "1.0.\(index)"), kind: .packageDetails,
                    commitID: "commit-\(index)", commitTimeStamp: RecordFixture.pushed.addingTimeInterval(Double(index)))
                entry.sequence = Int64(index)
                entries.withLock { $0.append(entry) }
            }
        }

        func catalogCount() async throws -> Int64 { entries.withLock { Int64($0.count) } }
        func catalogEntries(page: Int64) async throws -> [CatalogEntry] {
            entries.withLock { all in
                let first = Int(page * CatalogEntry.pageSize)
                guard first < all.count else { return [] }
                return Array(all[first..<min(all.count, first + Int(CatalogEntry.pageSize))])
            }
        }
        func latestCatalogTimeStamp() async throws -> Date? { entries.withLock { $0.last?.commitTimeStamp } }
    }

    struct Node {
        let cache: DocumentCache
        let publisher: CatalogPublisher

        init(log: Log, blobs: any BlobStore, capacityBytes: Int = 64 << 20) {
            cache = DocumentCache(capacityBytes: capacityBytes)
            publisher = CatalogPublisher(store: log, blobs: blobs, cache: cache, urls: RecordFixture.urls)
        }

        func json(_ path: String) throws -> [String: Any] {
            try JSONTree.object(try #require(cache.document(at: path), "\(path)").body)
        }
    }

    static let pageSize = Int(CatalogEntry.pageSize)

    @Test("commits are served from memory at once and stored by the flush; a filled page is stored before refresh returns")
    func writtenBehind() async throws {
        let log = Log()
        let blobs = CountingBlobStore()
        let node = Node(log: log, blobs: blobs)
        try await node.publisher.rebuild()
        blobs.resetRequests()

        try log.append(Self.pageSize - 1)
        try await node.publisher.refresh()
        #expect(blobs.requests.isEmpty, "nothing written before the flush: \(blobs.requests)")
        #expect(try node.json("catalog/page0.json")["count"] as? Int == Self.pageSize - 1)
        try await node.publisher.flush()
        #expect(blobs.requests.map(\.description) == ["PUT v3/catalog/page0.json", "PUT v3/catalog/index.json"])

        // The commit that fills page 0 and starts page 1: the full page is in the blob store when refresh returns.
        blobs.resetRequests()
        try log.append(2)
        try await node.publisher.refresh()
        let written = Set(blobs.requests.map(\.description))
        #expect(written == ["PUT v3/catalog/page0.json", "PUT v3/catalog/page1.json", "PUT v3/catalog/index.json"], "\(written)")
        #expect(blobs.requests.last?.path == "v3/catalog/index.json", "the index after the pages it lists")
        let stored = try JSONTree.object(try #require(try await blobs.data(.document("catalog/page0.json"))))
        #expect(stored["count"] as? Int == Self.pageSize)
    }

    @Test("a node that last saw a page before it filled renders it from the store: its index matches the committing node's")
    func followerSeesFilledPage() async throws {
        let log = Log()
        let blobs = CountingBlobStore()
        let a = Node(log: log, blobs: blobs)
        let b = Node(log: log, blobs: blobs)
        try await a.publisher.rebuild()
        try await b.publisher.rebuild()
        try log.append(Self.pageSize - 3)
        try await a.publisher.refresh()
        try await b.publisher.refresh()

        // Page 0 fills and page 1 starts while B does not look; A flushes only when page 0 fills.
        try log.append(4)
        try await a.publisher.refresh()
        try log.append(1)
        try await a.publisher.refresh()
        try await b.publisher.refresh()
        #expect(try b.json("catalog/page0.json")["count"] as? Int == Self.pageSize, "B rendered the filled page")
        #expect(b.cache.document(at: "catalog/index.json")?.body == a.cache.document(at: "catalog/index.json")?.body)
        let pages = try b.json("catalog/index.json")["items"] as? [[String: Any]]
        #expect(pages?.compactMap { $0["count"] as? Int } == [Self.pageSize, 2])
    }

    @Test("the index and the newest page stay in a full cache; the written pages before them do not")
    func pinned() async throws {
        let log = Log()
        let blobs = CountingBlobStore()
        // Room for less than one full page: eviction would drop every catalog document if they were not pinned.
        let node = Node(log: log, blobs: blobs, capacityBytes: 64 << 10)
        try await node.publisher.rebuild()
        try log.append(Self.pageSize + 1)
        try await node.publisher.refresh()
        for index in 0..<100 {
            node.cache.store(RenderedDocument(path: "flat/filler.\(index)/index.json", body: Data(repeating: 0x20, count: 4 << 10)))
        }
        #expect(node.cache.document(at: "catalog/index.json") != nil)
        #expect(node.cache.document(at: "catalog/page1.json") != nil)
        #expect(node.cache.document(at: "catalog/page0.json") == nil, "written, so evictable")
    }
}
