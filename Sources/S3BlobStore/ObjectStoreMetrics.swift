import Gallery
import Metrics

/// Object store latency (time to the answer's head) and errors (transport failures and 5xx) per HTTP
/// method (swift-metrics); no-ops without a bootstrapped backend.
enum ObjectStoreMetrics {
    struct Handles: Sendable {
        let duration: Timer
        let errors: Counter

        /// One request that took `nanoseconds` to its answer's head.
        func record(nanoseconds: UInt64) { duration.recordNanoseconds(Int64(clamping: nanoseconds)) }
        /// One failed request.
        func countError() { errors.increment() }
    }

    private static let byMethod: [String: CachedMetric<Handles>] = Dictionary(
        uniqueKeysWithValues: ["GET", "PUT", "HEAD", "DELETE", "POST"].map { method in (method, CachedMetric { make(method) }) })

    /// The handles for one method (the five S3 uses are made once per metrics backend).
    static func handles(method: String) -> Handles { byMethod[method]?.handle ?? make(method) }

    private static func make(_ method: String) -> Handles {
        Handles(
            duration: Timer(label: "pallet_object_store_duration_seconds", dimensions: [("method", method)], preferredDisplayUnit: .seconds),
            errors: Counter(label: "pallet_object_store_errors_total", dimensions: [("method", method)]))
    }
}
