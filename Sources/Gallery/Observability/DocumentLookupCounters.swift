import Metrics

/// The document cache's hit and miss counters of the current metrics backend, for a caller that keeps them
/// (the fast path, one per event loop) instead of asking for them per lookup: `GalleryMetrics`' cached handles
/// are read under a lock both event loops would take on every answer. A class, so using it copies no `Counter`
/// (a struct of several references).
public final class DocumentLookupCounters: Sendable {
    let generation: Int
    let hits: Counter
    let misses: Counter

    /// The counters now.
    public init() {
        generation = MetricsGeneration.current
        hits = GalleryMetrics.documentHits.handle
        misses = GalleryMetrics.documentMisses.handle
    }

    /// Still the current backend's (a bootstrap makes new ones).
    public var isCurrent: Bool { generation == MetricsGeneration.current }

    /// Counts one lookup, as `DocumentCache.lookup` counts it.
    public func count(hit: Bool) {
        (hit ? hits : misses).increment()
    }
}
