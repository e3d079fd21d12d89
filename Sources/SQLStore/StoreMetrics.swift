import Dispatch
import Gallery
import Metrics

/// Metadata store latency and errors (swift-metrics), per kind of session: `read` (one statement or a
/// few on one connection) and `transaction` (BEGIN … COMMIT). No-ops without a bootstrapped backend.
enum StoreMetrics {
    struct Handles: Sendable {
        let duration: Timer
        let errors: Counter

        init(kind: String) {
            duration = Timer(label: "pallet_store_duration_seconds", dimensions: [("kind", kind)], preferredDisplayUnit: .seconds)
            errors = Counter(label: "pallet_store_errors_total", dimensions: [("kind", kind)])
        }
    }

    static let read = CachedMetric { Handles(kind: "read") }
    static let transaction = CachedMetric { Handles(kind: "transaction") }

    /// Runs `body`, timing it and counting a thrown error.
    static func measure<R>(_ metric: CachedMetric<Handles>, _ body: () async throws -> R) async throws -> R {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let result = try await body()
            metric.handle.duration.recordNanoseconds(Int64(clamping: DispatchTime.now().uptimeNanoseconds &- started))
            return result
        } catch {
            metric.handle.errors.increment()
            throw error
        }
    }
}
