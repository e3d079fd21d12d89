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

    /// The memory's generation (`DocumentCache.generation`): a `cachedLookup` answer made after reading it stays
    /// true while it reads the same, so the fast path may remember the answer for that long (and counts each
    /// answer from memory with `DocumentLookupCounters`, as `cachedLookup` counts its own).
    public var generation: UInt64 { cache.generation }

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
    /// Several nodes may render one id at once (a push here, a repair there). Each pass reads the id's
    /// generation first and compares it again just before writing and when it finishes (`finishRender`). When
    /// it moved before the writes, the pass writes nothing and starts over. When it moved during the writes, a
    /// change landed meanwhile and this pass's bytes may have overwritten newer ones, or put back a document the
    /// newer render removed (a hard-deleted version's leaf, which the newer manifest no longer lists): the next
    /// pass removes what the earlier ones wrote that is not current. Once repaired, the id is marked and
    /// rendered once more, so every node that loaded the id during the race reloads it. The last writer
    /// therefore always wrote the newest state, and no document of a version that is gone outlives the
    /// render that raced its removal.
    @discardableResult
    public func refresh(lowerID: String) async throws -> [PackageVersionRecord] {
        try await refreshReturningFacts(lowerID: lowerID).records
    }

    /// `refresh(lowerID:)`, answering also the facts it rendered with, so the search index needs no second read.
    func refreshReturningFacts(lowerID: String) async throws -> RenderedPackage {
        try await serializer.run(lowerID) { [self] in
            // Paths written by earlier passes of this refresh: the newest manifest may not list them.
            var writtenEarlier: Set<String> = []
            var raced = false
            while true {
                let state = try await store.renderState(lowerID)
                guard let pass = try await render(
                    lowerID: lowerID, generation: state.generation, previous: state.manifest, alsoRemoving: writtenEarlier)
                else {
                    continue  // the id changed before anything was written: render the newer state
                }
                writtenEarlier.formUnion(pass.written)
                // Records the manifest and clears the mark in one statement; false when the generation moved.
                guard try await store.finishRender(lowerID, generation: state.generation, manifest: pass.manifest) else {
                    raced = true
                    GalleryMetrics.countRenderRace()
                    continue
                }
                if raced {
                    // Repaired. Nodes that loaded the id while the raced bytes were in the store saw the newer
                    // render's mark, not this one: a new mark, cleared by one more pass, makes them reload.
                    raced = false
                    try await store.markDirty([lowerID])
                    continue
                }
                renderedHere.withLock { $0[lowerID] = state.generation }
                return pass.rendered
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

    /// What one render pass did: the facts it rendered with, the paths of every current document (the new
    /// manifest) and the paths it wrote.
    private struct Pass {
        let rendered: RenderedPackage
        let manifest: [String]
        let written: [String]
    }

    /// One render pass at `generation`: writes the id's changed documents and deletes the ones of `previous`
    /// (the last render's paths; nil: not in the store yet, read from the blob store's legacy manifest) and of
    /// `earlier` that no longer exist. Nil (nothing written) when the generation moved before the writes.
    private func render(
        lowerID: String, generation: Int64, previous: [String]?, alsoRemoving earlier: Set<String>
    ) async throws -> Pass? {
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
        let before = try await legacyManifest
        // Reading the records, owners and advisories took a few round trips: a change that landed meanwhile (a
        // hard delete) makes these documents stale, and writing them would only be undone.
        guard try await store.renderGeneration(lowerID) == generation else { return nil }
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
        let stale = Set(before).union(earlier).subtracting(current)
        try await forEachConcurrently(Array(stale)) { [blobs, cache] path in
            try await blobs.delete(.document(path))
            cache.remove(path)
        }
        // Until another node renders the id again, this node answers 404 for what it just removed without
        // asking the blob store, where a render racing this one may still put it back for a moment.
        for path in stale {
            if case .unknown(let token) = cache.lookup(path, counting: false) { cache.recordAbsent(path, token: token) }
        }
        let rendered = RenderedPackage(records: records, ownerKeys: ownerKeys, verified: verified, advisories: advisories)
        return Pass(rendered: rendered, manifest: current.sorted(), written: changed.map(\.path))
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
