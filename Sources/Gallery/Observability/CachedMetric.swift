public import Metrics
import Synchronization

/// A metric handle made once and reused, made again after the process bootstraps its metrics backend.
///
/// swift-metrics binds a handle to the backend present when it is made; making one per event costs the
/// backend's lock and lookup. A handle made before `pallet serve` (or a test) bootstrapped Prometheus
/// would count into nothing forever, so each handle remembers the bootstrap generation it was made in.
public final class CachedMetric<Handle: Sendable>: Sendable {
    private let make: @Sendable () -> Handle
    private let state: Mutex<(generation: Int, handle: Handle)>

    /// A handle made by `make`, now and again after each bootstrap.
    public init(_ make: @escaping @Sendable () -> Handle) {
        self.make = make
        self.state = Mutex((MetricsGeneration.current, make()))
    }

    /// The handle for the current backend.
    public var handle: Handle {
        let generation = MetricsGeneration.current
        return state.withLock { state in
            if state.generation != generation { state = (generation, make()) }
            return state.handle
        }
    }
}

/// Counts metrics-backend bootstraps in this process (at most one in practice).
public enum MetricsGeneration {
    private static let value = Atomic<Int>(0)

    /// The number of bootstraps so far.
    public static var current: Int { value.load(ordering: .acquiring) }

    /// Bootstraps `factory` as the process's metrics backend and invalidates every `CachedMetric`.
    /// Call it at most once per process (swift-metrics traps on a second bootstrap).
    public static func bootstrap(_ factory: any MetricsFactory) {
        MetricsSystem.bootstrap(factory)
        value.add(1, ordering: .releasing)
    }
}
