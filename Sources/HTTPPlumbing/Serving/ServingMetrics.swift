import Gallery
public import Metrics
import Synchronization

/// The HTTP surface's metrics (swift-metrics; exported by whatever backend the process bootstrapped,
/// `/metrics` in Prometheus format for `pallet serve`, nothing where none was bootstrapped).
///
/// Metric handles are made once per backend and reused: asking the factory per request would take its
/// lock and a dictionary lookup on every answer.
public final class ServingMetrics: Sendable {
    /// One set for the process (swift-metrics' backend is process-wide too).
    public static let shared = ServingMetrics()

    /// Requests refused by the in-flight limit.
    let rejected = CachedMetric { Counter(label: "pallet_http_requests_rejected_total") }
    /// Requests being handled now, and waiting for a slot now.
    let inFlight = CachedMetric { Gauge(label: "pallet_http_requests_in_flight") }
    let queued = CachedMetric { Gauge(label: "pallet_http_requests_queued") }
    /// Package files served from the in-memory file cache, and read from the store.
    let fileCacheHits = CachedMetric { Counter(label: "pallet_cache_hits_total", dimensions: [("cache", "package_files")]) }
    let fileCacheMisses = CachedMetric { Counter(label: "pallet_cache_misses_total", dimensions: [("cache", "package_files")]) }

    private struct Key: Hashable {
        let family: RouteFamily
        let status: Int
    }

    private struct Handles: Sendable {
        let requests: Counter
        let duration: Timer
    }

    private let handles = Mutex<(generation: Int, byKey: [Key: Handles])>((0, [:]))

    /// Counts one answer of `family` with `status` that took `nanoseconds`.
    func record(family: RouteFamily, status: Int, nanoseconds: UInt64) {
        let key = Key(family: family, status: status)
        let generation = MetricsGeneration.current
        let handle = handles.withLock { cache in
            if cache.generation != generation { cache = (generation, [:]) }
            if let handle = cache.byKey[key] { return handle }
            let dimensions = [("family", family.rawValue), ("status", String(status))]
            let made = Handles(
                requests: Counter(label: "pallet_http_requests_total", dimensions: dimensions),
                duration: Timer(label: "pallet_http_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds))
            cache.byKey[key] = made
            return made
        }
        handle.requests.increment()
        handle.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }
}

extension ServingMetrics {
    /// A request refused by the limit.
    func countRejected() { rejected.handle.increment() }
    /// A package file answered from memory, or read from the store.
    func countFileCache(hit: Bool) { (hit ? fileCacheHits : fileCacheMisses).handle.increment() }
    /// The limit's slots in use and queue depth now.
    func recordLimiter(inFlight: Int, queued: Int) {
        self.inFlight.handle.record(inFlight)
        self.queued.handle.record(queued)
    }
}
