import Foundation
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// `/metrics` in the Prometheus text format: counters move with the requests the real application answers.
@Suite("Metrics")
struct MetricsTests {
    @Test("a scrape shows request counts, latency histograms, pushes, downloads and cache counters moving")
    func countersMove() async throws {
        try await withTestServer { client, env in
            let before = try await scrape()
            try await client.pushCreated(package("Metrics.Pkg", "1.0.0"), apiKey: env.apiKey)
            for _ in 0..<3 { #expect(try await client.get("/v3/flat/metrics.pkg/index.json").status == .ok) }
            #expect(try await client.get("/v3/flat/no.such.id/index.json").status == .notFound)
            #expect(try await client.get("/v3/flat/metrics.pkg/1.0.0/metrics.pkg.1.0.0.nupkg").status == .ok)
            let answered = try await client.get("/v3/index.json")
            #expect(answered.headers[.requestID]?.isEmpty == false, "the real application sets a request id")
            let after = try await scrape()

            func moved(_ series: String) -> Double { (after[series] ?? 0) - (before[series] ?? 0) }
            #expect(moved(#"pallet_http_requests_total{family="flat_index",status="200"}"#) >= 3)
            #expect(moved(#"pallet_http_requests_total{family="flat_index",status="404"}"#) >= 1)
            #expect(moved(#"pallet_http_request_duration_seconds_count{family="flat_index",status="200"}"#) >= 3)
            #expect(moved(#"pallet_http_requests_total{family="push",status="201"}"#) >= 1)
            #expect(moved(#"pallet_pushes_total{outcome="published"}"#) >= 1)
            #expect(moved("pallet_downloads_total") >= 1)
            #expect(moved(#"pallet_cache_hits_total{cache="documents"}"#) >= 3)
            #expect(moved(#"pallet_store_duration_seconds_count{kind="transaction"}"#) >= 1)
            #expect(after.keys.contains("pallet_http_requests_in_flight"))
        }
    }

    @Test("the metrics listener answers only /metrics, in the Prometheus text format")
    func format() async throws {
        PalletMetrics.bootstrap()
        let app = Application(router: PalletMetrics.router())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(try await client.execute(uri: "/v3/index.json", method: .get).status == .notFound)
        }
    }

    /// The registry's samples by series (`name{labels}`), read through the metrics router.
    private func scrape() async throws -> [String: Double] {
        var samples: [String: Double] = [:]
        let app = Application(router: PalletMetrics.router())
        let text = try await app.test(.router) { client in
            String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
