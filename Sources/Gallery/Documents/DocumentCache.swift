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

        mutating func insert(_ document: RenderedDocument) {
            if let old = documents.updateValue(document, forKey: document.path) { bytes -= old.body.count }
            bytes += document.body.count
            if let id = DocumentCache.lowerID(ofPath: document.path) { pathsByID[id, default: []].insert(document.path) }
        }

        mutating func remove(_ path: String) {
            bytes -= documents.removeValue(forKey: path)?.body.count ?? 0
            if let id = DocumentCache.lowerID(ofPath: path) {
                pathsByID[id]?.remove(path)
                if pathsByID[id]?.isEmpty == true { pathsByID[id] = nil }
            }
        }
    }

    private let state = Mutex(State())
    /// Upper bound on the bodies kept.
    public let capacityBytes: Int

    /// Creates an empty cache.
    public init(capacityBytes: Int = 64 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// The cached document at a path (below `/v3/`), if any.
    public func document(at path: String) -> RenderedDocument? {
        state.withLock { $0.documents[path] }
    }

    /// Stores or replaces a document.
    public func store(_ document: RenderedDocument) {
        let size = document.body.count
        guard size <= capacityBytes / 4 else { return }
        state.withLock { state in
            state.insert(document)
            while state.bytes > capacityBytes, let victim = state.documents.keys.first(where: { $0 != document.path }) {
                state.remove(victim)
            }
        }
    }

    /// Forgets a document (it was deleted).
    public func remove(_ path: String) {
        state.withLock { $0.remove(path) }
    }

    /// Forgets every cached document of one package id (another node re-rendered it).
    public func removeDocuments(ofLowerID lowerID: String) {
        state.withLock { state in
            for path in state.pathsByID[lowerID] ?? [] { state.remove(path) }
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
