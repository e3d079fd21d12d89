import Metrics

/// The domain's metrics (swift-metrics): downloads, pushes, the document cache, the change follower.
/// Without a bootstrapped backend every call is a no-op.
enum GalleryMetrics {
    /// Package downloads counted (the same events `DownloadCounter` buffers for the store).
    static let downloads = CachedMetric { Counter(label: "pallet_downloads_total") }
    /// Pushes by outcome: `published`, or the refusal kind (`conflict`, `invalid`, ...).
    static func pushes(outcome: String) -> Counter {
        Counter(label: "pallet_pushes_total", dimensions: [("outcome", outcome)])
    }
    /// Rendered documents answered from memory, and looked for but absent (read from the store or a 404).
    static let documentHits = CachedMetric { Counter(label: "pallet_cache_hits_total", dimensions: [("cache", "documents")]) }
    static let documentMisses = CachedMetric { Counter(label: "pallet_cache_misses_total", dimensions: [("cache", "documents")]) }
    /// Search and autocomplete answers reused from `SearchAnswerCache`, and made afresh.
    static let searchHits = CachedMetric { Counter(label: "pallet_cache_hits_total", dimensions: [("cache", "search")]) }
    static let searchMisses = CachedMetric { Counter(label: "pallet_cache_misses_total", dimensions: [("cache", "search")]) }
    /// Search hits' rendered entries reused from `SearchHitFragments`, and rendered afresh.
    static let hitEntryHits = CachedMetric { Counter(label: "pallet_cache_hits_total", dimensions: [("cache", "search_hits")]) }
    static let hitEntryMisses = CachedMetric {
        Counter(label: "pallet_cache_misses_total", dimensions: [("cache", "search_hits")])
    }
    /// Seconds from another process's write (its dirty mark) to this node applying it (the latest one).
    static let followerLag = CachedMetric { Gauge(label: "pallet_follower_lag_seconds") }
    /// Polls of the change follower that failed (the store was unreachable).
    static let followerErrors = CachedMetric { Counter(label: "pallet_follower_poll_errors_total") }
    /// Renders of an id that found another change landed while they wrote, and rendered again.
    static let renderRaces = CachedMetric { Counter(label: "pallet_render_races_total") }
}

extension GalleryMetrics {
    /// One download counted.
    static func countDownload() { downloads.handle.increment() }
    /// One document lookup: answered from memory or not.
    static func countDocumentLookup(hit: Bool) { (hit ? documentHits : documentMisses).handle.increment() }
    /// One search or autocomplete answer: reused or made.
    static func countSearchAnswer(hit: Bool) { (hit ? searchHits : searchMisses).handle.increment() }
    /// One search answer's hits: `found` entries reused, `rendered` made.
    static func countSearchHitEntries(found: Int, rendered: Int) {
        if found > 0 { hitEntryHits.handle.increment(by: Int64(found)) }
        if rendered > 0 { hitEntryMisses.handle.increment(by: Int64(rendered)) }
    }
    /// One push ended with `outcome`.
    static func countPush(_ outcome: String) { pushes(outcome: outcome).increment() }
    /// Another process's change applied here `seconds` after it was written.
    static func recordFollowerLag(seconds: Double) { followerLag.handle.record(seconds) }
    /// A change-follower poll failed.
    static func countFollowerError() { followerErrors.handle.increment() }
    /// A render pass raced a change of its id and repairs it.
    static func countRenderRace() { renderRaces.handle.increment() }
}
