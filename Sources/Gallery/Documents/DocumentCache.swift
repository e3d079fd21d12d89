import Synchronization

/// Rendered documents held in memory so a read is a dictionary lookup, not a query or a disk read.
///
/// Bounded by total body bytes: when full, an arbitrary entry is evicted (documents are cheap to
/// reload from the blob store, so a smarter policy has not been worth its bookkeeping yet).
public final class DocumentCache: Sendable {
    private struct State {
        var documents: [String: RenderedDocument] = [:]
        var bytes = 0
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
            if let old = state.documents.updateValue(document, forKey: document.path) { state.bytes -= old.body.count }
            state.bytes += size
            while state.bytes > capacityBytes, let victim = state.documents.keys.first(where: { $0 != document.path }) {
                state.bytes -= state.documents.removeValue(forKey: victim)?.body.count ?? 0
            }
        }
    }

    /// Forgets a document (it was deleted).
    public func remove(_ path: String) {
        state.withLock { state in
            state.bytes -= state.documents.removeValue(forKey: path)?.body.count ?? 0
        }
    }
}
