import Synchronization

/// Rendered documents held in memory so a read is a dictionary lookup, not a query or a disk read.
///
/// Bounded by total body bytes: when full, an arbitrary entry is evicted (documents are cheap to
/// reload from the blob store, so a smarter policy has not been worth its bookkeeping yet).
public final class DocumentCache: Sendable {
    private struct State {
        var documents: [String: RenderedDocument] = [:]
        /// Cached paths per package id (`flat/{id}/…`, `registration*/{id}/…`), so one id can be forgotten.
        var pathsByID: [String: Set<String>] = [:]
        var bytes = 0
        /// Per-package paths the blob store did not have, by package id (see `lookup`).
        var absentByID: [String: Set<String>] = [:]
        var absentCount = 0
        /// Moves on every change, so a store miss read before a change is never remembered after it.
        var mutations: UInt64 = 0
        /// Paths never evicted: documents the blob store does not hold yet, or holds late (the catalog's index
        /// and newest page, written behind: `CatalogPublisher`). A handful, so the bound still holds.
        var pinned: Set<String> = []

        mutating func forgetAbsence(ofPath path: String) {
            guard let id = DocumentCache.lowerID(ofPath: path), absentByID[id]?.remove(path) != nil else { return }
            absentCount -= 1
            if absentByID[id]?.isEmpty == true { absentByID[id] = nil }
        }

        mutating func forgetAbsences(ofLowerID lowerID: String) {
            absentCount -= absentByID.removeValue(forKey: lowerID)?.count ?? 0
        }

        mutating func insert(_ document: RenderedDocument) {
            mutations &+= 1
            forgetAbsence(ofPath: document.path)
            if let old = documents.updateValue(document, forKey: document.path) { bytes -= old.body.count }
            bytes += document.body.count
            if let id = DocumentCache.lowerID(ofPath: document.path) { pathsByID[id, default: []].insert(document.path) }
        }

        mutating func remove(_ path: String) {
            mutations &+= 1
            pinned.remove(path)
            forgetAbsence(ofPath: path)
            bytes -= documents.removeValue(forKey: path)?.body.count ?? 0
            if let id = DocumentCache.lowerID(ofPath: path) {
                pathsByID[id]?.remove(path)
                if pathsByID[id]?.isEmpty == true { pathsByID[id] = nil }
            }
        }
    }

    private let state = Mutex(State())
    /// `State.mutations` as last published, read without the lock (`generation`).
    private let publishedMutations = Atomic<UInt64>(0)
    /// Upper bound on the bodies kept.
    public let capacityBytes: Int

    /// Creates an empty cache.
    public init(capacityBytes: Int = 64 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// Moves whenever what `lookup` answers for any path may have changed (a document stored, replaced, removed or
    /// evicted, an absence forgotten), read without the lock: an answer remembered from a lookup made after
    /// reading a generation stays true for as long as the generation reads the same (the fast path's per-loop
    /// memo, `DocumentMemo`). Remembering a new absence does not move it: an answer it makes stale does not exist.
    public var generation: UInt64 { publishedMutations.load(ordering: .acquiring) }

    /// Runs `change` under the lock, then publishes the mutation count (still under the lock, so generations
    /// only ever move forward).
    private func mutate(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            publishedMutations.store(state.mutations, ordering: .releasing)
        }
    }

    /// The cached document at a path (below `/v3/`), if any.
    public func document(at path: String) -> RenderedDocument? {
        state.withLock { $0.documents[path] }
    }

    /// What the cache knows about a path: its document, that the blob store has none, or nothing.
    public enum Lookup: Sendable {
        case hit(RenderedDocument)
        /// The blob store had no document here and nothing of the id changed since: answer 404 at once.
        case absent
        /// Not cached: read the blob store, then report a miss with `recordAbsent(_:token:)` and this token.
        case unknown(token: UInt64)
    }

    /// One lock for the common questions of a read: cached, known absent, or unknown.
    ///
    /// Restores ask every source for every id (protocol §13), so most lookups are for ids a feed does not
    /// hold; remembering them saves a blob store read (a file open, or an S3 GET) per 404.
    public func lookup(_ path: String, counting: Bool = true) -> Lookup {
        let result: Lookup = state.withLock { state in
            if let document = state.documents[path] { return .hit(document) }
            if let id = DocumentCache.lowerID(ofPath: path), state.absentByID[id]?.contains(path) == true { return .absent }
            return .unknown(token: state.mutations)
        }
        guard counting else { return result }
        if case .hit = result { GalleryMetrics.countDocumentLookup(hit: true) } else { GalleryMetrics.countDocumentLookup(hit: false) }
        return result
    }

    /// Remembers that the blob store had no document at a per-package path, unless anything changed since
    /// `token` was taken (a render may have written it meanwhile). Bounded: when full, every absence is
    /// forgotten at once (they are cheap to learn again).
    public func recordAbsent(_ path: String, token: UInt64) {
        guard let id = DocumentCache.lowerID(ofPath: path) else { return }
        state.withLock { state in
            guard state.mutations == token else { return }
            if state.absentCount >= Self.maxAbsentPaths {
                state.absentByID.removeAll()
                state.absentCount = 0
            }
            if state.absentByID[id, default: []].insert(path).inserted { state.absentCount += 1 }
        }
    }

    /// Most absent paths remembered (about 100 bytes each).
    static let maxAbsentPaths = 100_000

    /// Stores or replaces a document; a `pinned` one is kept (whatever its size) until `unpin` or `remove`.
    public func store(_ document: RenderedDocument, pinned: Bool = false) {
        let size = document.body.count
        guard pinned || size <= capacityBytes / 4 else {
            // Too large to keep, but no longer absent either.
            mutate { state in
                state.mutations &+= 1
                state.forgetAbsence(ofPath: document.path)
            }
            return
        }
        mutate { state in
            state.insert(document)
            if pinned { state.pinned.insert(document.path) }
            while state.bytes > capacityBytes,
                  let victim = state.documents.keys.first(where: { $0 != document.path && !state.pinned.contains($0) }) {
                state.remove(victim)
            }
        }
    }

    /// Lets a pinned document be evicted again (the blob store holds it now).
    public func unpin(_ path: String) {
        state.withLock { _ = $0.pinned.remove(path) }
    }

    /// Forgets a document (it was deleted).
    public func remove(_ path: String) {
        mutate { $0.remove(path) }
    }

    /// Forgets every cached document of one package id (another node re-rendered it).
    public func removeDocuments(ofLowerID lowerID: String) {
        mutate { state in
            for path in state.pathsByID[lowerID] ?? [] { state.remove(path) }
            state.mutations &+= 1
            state.forgetAbsences(ofLowerID: lowerID)
        }
    }

    /// The package id a per-package document path belongs to (`flat/{id}/index.json`,
    /// `registration-gz/{id}/1.0.0.json`), or nil for catalog and other documents.
    static func lowerID(ofPath path: String) -> String? {
        let parts = path.split(separator: "/", maxSplits: 2)
        guard parts.count == 3, parts[0] == "flat" || parts[0].hasPrefix("registration") else { return nil }
        return String(parts[1])
    }
}
