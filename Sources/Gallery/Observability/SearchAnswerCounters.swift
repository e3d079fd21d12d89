import Metrics

/// The search answer cache's hit counter of the current metrics backend, for a caller that keeps it (the fast
/// path's per-event-loop memo of search answers, one per loop) instead of asking for it per answer, as
/// `DocumentLookupCounters` does for documents: an answer from that memo is a cache hit as `SearchAnswerCache`
/// counts one.
public final class SearchAnswerCounters: Sendable {
    let generation: Int
    let hits: Counter

    /// The counter now.
    public init() {
        generation = MetricsGeneration.current
        hits = GalleryMetrics.searchHits.handle
    }

    /// Still the current backend's (a bootstrap makes new ones).
    public var isCurrent: Bool { generation == MetricsGeneration.current }

    /// Counts one answer reused.
    public func countHit() {
        hits.increment()
    }
}
