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

    struct Key: Hashable {
        let family: RouteFamily
        let status: Int
    }

    /// A class: swift-metrics' `Counter` and `Timer` are structs of several references each, and the fast path
    /// keeps these per connection, so a copy per answer retained them all.
    final class Handles: Sendable {
        let requests: Counter
        let duration: Timer

        init(requests: Counter, duration: Timer) {
            self.requests = requests
            self.duration = duration
        }
    }

    private let handles = Mutex<(generation: Int, byKey: [Key: Handles])>((0, [:]))
    /// The limiter gauges' values last recorded (see `recordLimiter`).
    private let lastLimiter = Atomic<Int>(-1)

    /// Counts one answer of `family` with `status` that took `nanoseconds`.
    func record(family: RouteFamily, status: Int, nanoseconds: UInt64) {
        let handle = answerHandles(family: family, status: status)
        handle.requests.increment()
        handle.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// The request counter and duration timer of answers of `family` with `status`, for the current backend.
    func answerHandles(family: RouteFamily, status: Int) -> Handles {
        let key = Key(family: family, status: status)
        let generation = MetricsGeneration.current
        return handles.withLock { cache in
            if cache.generation != generation { cache = (generation, [:]) }
            if let handle = cache.byKey[key] { return handle }
            let dimensions = [("family", family.rawValue), ("status", String(status))]
            let made = Handles(
                requests: Counter(label: "pallet_http_requests_total", dimensions: dimensions),
                duration: Timer(label: "pallet_http_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds))
            cache.byKey[key] = made
            return made
        }
    }
}

extension ServingMetrics {
    /// A request refused by the limit.
    func countRejected() { rejected.handle.increment() }
    /// A package file answered from memory, or read from the store.
    func countFileCache(hit: Bool) { (hit ? fileCacheHits : fileCacheMisses).handle.increment() }
    /// The limit's slots in use and queue depth now. Recorded only when they changed since the last call (with
    /// the backend's generation): each record takes two locks, and on the fast path they mostly stay the same.
    func recordLimiter(inFlight: Int, queued: Int) {
        let packed = (MetricsGeneration.current & 0xFFFF) << 48 | min(inFlight, 0xFF_FFFF) << 24 | min(queued, 0xFF_FFFF)
        // A load first: it leaves the shared cache line alone when nothing changed (an exchange writes it, and
        // both event loops answering then pass the line back and forth on every answer).
        guard lastLimiter.load(ordering: .relaxed) != packed, lastLimiter.exchange(packed, ordering: .relaxed) != packed else { return }
        self.inFlight.handle.record(inFlight)
        self.queued.handle.record(queued)
    }
}

/// One connection's way to count its answers (the fast path's): the handles of the last family and status it
/// counted, so a run of like answers skips the shared table's lock and lookup.
struct AnswerCounter {
    private var key = ServingMetrics.Key(family: .other, status: 0)
    private var generation = -1
    private var handles: ServingMetrics.Handles?

    mutating func record(_ metrics: ServingMetrics, family: RouteFamily, status: Int, nanoseconds: UInt64) {
        let key = ServingMetrics.Key(family: family, status: status)
        let generation = MetricsGeneration.current
        if handles == nil || key != self.key || generation != self.generation {
            handles = metrics.answerHandles(family: family, status: status)
            self.key = key
            self.generation = generation
        }
        guard let handles else { return }
        handles.requests.increment()
        handles.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }
}
