import Foundation
public import Logging
import Synchronization

/// Renders a package's read documents after it changed, stores them in the blob store and the cache.
///
/// The store marks an id dirty in the same transaction as the change; the mark is cleared only
/// after every document is written, so a crash in between is repaired by `refreshDirty()` at start.
public final class DocumentPublisher: Sendable {
    let store: any MetadataStore
    let blobs: any BlobStore
    let cache: DocumentCache
    let urls: FeedURLs
    let logger: Logger
    private let serializer = KeyedSerializer()
    private let renderedHere = Mutex<[String: Int64]>([:])

    /// Creates a publisher.
    public init(store: any MetadataStore, blobs: any BlobStore, cache: DocumentCache, urls: FeedURLs, logger: Logger) {
        self.store = store
        self.blobs = blobs
        self.cache = cache
        self.urls = urls
        self.logger = logger
    }

    /// What memory alone says about a path below `/v3/`, without reading the blob store: the document, or that
    /// the store has none (`.absent`); nil when only the store can tell (then call `document(at:)`, which counts
    /// the lookup). For the event-loop fast path; a hit or an absence is counted here as `document(at:)` would.
    public func cachedLookup(at path: String) -> DocumentCache.Lookup? {
        let result = cache.lookup(path, counting: false)
        switch result {
        case .hit: GalleryMetrics.countDocumentLookup(hit: true)
        case .absent: GalleryMetrics.countDocumentLookup(hit: false)
        case .unknown: return nil
        }
        return result
    }

    /// The document at a path below `/v3/`, from memory or else from the blob store.
    public func document(at path: String) async throws -> RenderedDocument? {
        let token: UInt64
        switch cache.lookup(path) {
        case .hit(let document): return document
        case .absent: return nil
        case .unknown(let since): token = since
        }
        guard let body = try await blobs.data(.document(path)) else {
            cache.recordAbsent(path, token: token)
            return nil
        }
        let document = RenderedDocument(path: path, body: body)
        cache.store(document)
        return document
    }

    /// Re-renders every document of one id and removes the ones that no longer exist.
    /// Returns the available records it rendered from.
    ///
    /// Several nodes may render one id at once (a push here, a repair there). Each render reads the id's
    /// generation first and compares it after writing: when it moved, a change landed meanwhile and this
    /// render's bytes may have overwritten newer ones, so it renders again. The last writer therefore
    /// always wrote the newest state.
    @discardableResult
    public func refresh(lowerID: String) async throws -> [PackageVersionRecord] {
        try await refreshReturningFacts(lowerID: lowerID).records
    }

    /// `refresh(lowerID:)`, answering also the facts it rendered with, so the search index needs no second read.
    func refreshReturningFacts(lowerID: String) async throws -> RenderedPackage {
        try await serializer.run(lowerID) { [self] in
            while true {
                let state = try await store.renderState(lowerID)
                let (rendered, manifest) = try await render(lowerID: lowerID, previous: state.manifest)
                // Records the manifest and clears the mark in one statement; false when the generation moved.
                if try await store.finishRender(lowerID, generation: state.generation, manifest: manifest) {
                    renderedHere.withLock { $0[lowerID] = state.generation }
                    return rendered
                }
            }
        }
    }

    /// The generation this process last rendered an id at (nil when it never did), so the change follower
    /// does not reload what this node wrote itself.
    public func generationRenderedHere(_ lowerID: String) -> Int64? {
        renderedHere.withLock { $0[lowerID] }
    }

    /// Drops an id's documents from this node's memory after another node re-rendered them; the next
    /// read loads the new bytes from the blob store.
    public func forget(lowerID: String) {
        cache.removeDocuments(ofLowerID: lowerID)
        renderedHere.withLock { _ = $0.removeValue(forKey: lowerID) }
    }

    /// Writes the id's changed documents and deletes the ones of `previous` (the last render's paths; nil:
    /// not in the store yet, read from the blob store's legacy manifest) that no longer exist. Returns what
    /// it rendered and the paths of every current document.
    private func render(lowerID: String, previous: [String]?) async throws -> (RenderedPackage, [String]) {
        // Read after the generation (the caller's): a change landing meanwhile moves the generation. One read
        // after the other, so a render holds one pooled connection at a time (small pools, many pushes).
        async let legacyManifest = Self.legacyManifest(of: lowerID, in: blobs, unless: previous)
        let records = try await store.versions(ofLowerID: lowerID)
        let ownerKeys = records.isEmpty ? [] : try await store.owners(ofLowerID: lowerID)
        let verified = records.isEmpty ? false : try await VerifiedMark.isVerified(lowerID: lowerID, ownerKeys: ownerKeys, store: store)
        let advisories = records.isEmpty ? [] : try await store.advisories(ofLowerID: lowerID)
        let leafURLs = Dictionary(
            records.compactMap { r in r.catalogLeafPath.map { (r.key, urls.catalogLeaf(path: $0)) } },
            uniquingKeysWith: { a, _ in a }
        )
        let documents = PackageDocuments.render(
            records: records, catalogLeafURLs: leafURLs, verified: verified, advisories: advisories, urls: urls)
        // A new version changes the indexes but not the other versions' leaves: skip unchanged
        // bodies, or every push would rewrite all leaves of its id (quadratic in versions).
        let changed = documents.filter { cache.document(at: $0.path)?.etag != $0.etag }
        // The writes are independent (each document is its own blob): issue them together, so a push costs
        // about one object-store round trip for its documents instead of one per document.
        try await forEachConcurrently(changed) { [blobs, cache] document in
            try await blobs.put(.document(document.path), data: document.body)
            cache.store(document)
        }
        let current = Set(documents.map(\.path))
        let before = try await legacyManifest
        try await forEachConcurrently(before.filter { !current.contains($0) }) { [blobs, cache] stale in
            try await blobs.delete(.document(stale))
            cache.remove(stale)
        }
        let rendered = RenderedPackage(records: records, ownerKeys: ownerKeys, verified: verified, advisories: advisories)
        return (rendered, current.sorted())
    }

    /// `known`, else the paths listed in the blob store's manifest of an id (written by renders before the
    /// store kept manifests).
    private static func legacyManifest(of lowerID: String, in blobs: any BlobStore, unless known: [String]?) async throws -> [String] {
        if let known { return known }
        return try await blobs.data(.document("_manifests/\(lowerID).json"))
            .flatMap { try? JSONDecoder().decode([String].self, from: $0) } ?? []
    }

    /// Re-renders every id left dirty (by a crash, or by a base-URL change). Returns how many.
    @discardableResult
    public func refreshDirty() async throws -> Int {
        let dirty = try await store.dirtyLowerIDs()
        for lowerID in dirty {
            try await refresh(lowerID: lowerID)
        }
        if !dirty.isEmpty { logger.info("re-rendered documents", metadata: ["ids": "\(dirty.count)"]) }
        return dirty.count
    }
}

/// Runs `body` for every element, at most `limit` at a time; the first error is thrown once all started
/// calls have ended (a task group waits for its children).
func forEachConcurrently<Element: Sendable>(
    _ elements: [Element], limit: Int = 8, _ body: @escaping @Sendable (Element) async throws -> Void
) async throws {
    if elements.count <= 1 {
        for element in elements { try await body(element) }
        return
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for (index, element) in elements.enumerated() {
            if index >= limit { try await group.next() }
            group.addTask { try await body(element) }
        }
        try await group.waitForAll()
    }
}
