import Gallery
public import Hummingbird
public import Prometheus

/// The process's metrics backend: swift-metrics into one Prometheus registry, and the router that
/// exports it (`GET /metrics`, Prometheus text format 0.0.4) on the address `--metrics-address` names.
public enum PalletMetrics {
    /// The registry every Pallet metric is written to.
    public static let registry = PrometheusCollectorRegistry()

    /// Bootstraps swift-metrics with the registry, once per process (later calls do nothing: swift-metrics
    /// allows one bootstrap, and several applications in one test process share it).
    public static func bootstrap() { _ = bootstrapped }

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Reads take tens of microseconds: the default buckets (from 5 ms) would put every one in the first.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        MetricsGeneration.bootstrap(factory)
    }()

    /// A router answering `GET /metrics` with the registry's current values.
    public static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16 << 10)
            registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return router
    }
}
