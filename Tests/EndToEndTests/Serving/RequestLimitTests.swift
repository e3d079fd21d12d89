import Foundation
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PalletApp
import Testing

/// Overload: a bounded number of requests in flight plus a bounded queue; the next one is answered at once
/// with 503, `Retry-After` and a one-line message (NuGet clients retry after it), not after everyone else.
@Suite("Request limit")
struct RequestLimitTests {
    @Test("with N requests held in flight and the queue full, the next one gets 503 with Retry-After at once")
    func limitEngages() async throws {
        let limiter = RequestLimiter(maxInFlight: 2, maxQueued: 1)
        let gate = RequestGate()
        let app = Application(router: servingTestRouter(limiter: limiter, gate: gate))
        try await app.test(.router) { client in
            var arrivals = gate.arrived.makeAsyncIterator()
            let held = (0..<2).map { _ in Task { try await client.execute(uri: "/hold", method: .get) } }
            // Both reached the handler: the two slots are taken.
            _ = await arrivals.next()
            _ = await arrivals.next()
            let queued = Task { try await client.execute(uri: "/hold", method: .get) }
            while limiter.queued == 0 { await Task.yield() }

            let refused = try await client.execute(uri: "/ok", method: .get)
            #expect(refused.status.code == 503)
            #expect(refused.headers[.retryAfter] == "1")
            let message = String(buffer: refused.body).trimmingCharacters(in: .newlines)
            let id = try #require(refused.headers[.requestID])
            #expect(message == "The server is busy (2 requests in progress, 1 waiting); retry in 1 s (request id \(id)).")
            #expect(refused.status.reasonPhrase == message, "the reason phrase carries the same line")
            // Health probes are never refused: a busy node is alive.
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)

            await gate.open()
            for task in held + [queued] { #expect(try await task.value.status == .ok) }
            #expect(limiter.inFlight == 0 && limiter.queued == 0, "every slot came back")
            #expect(try await client.execute(uri: "/ok", method: .get).status == .ok)
        }
    }

    @Test("the limit and queue are read from the configuration, and bad values are reported")
    func configuration() async throws {
        let config = try await ServerConfig.load(
            commandLine: ["pallet.maxInFlight": "7", "pallet.maxQueued": "0", "pallet.metricsAddress": "127.0.0.1:9464", "pallet.logFormat": "json"],
            environment: [:])
        #expect(config.maxInFlight == 7 && config.maxQueued == 0)
        #expect(config.metricsAddress?.host == "127.0.0.1" && config.metricsAddress?.port == 9464)
        #expect(config.logFormat == .json)
        let defaults = try await ServerConfig.load(commandLine: [:], environment: [:])
        #expect(defaults.maxInFlight == 128 && defaults.maxQueued == 256 && defaults.metricsAddress == nil && defaults.logFormat == .text)
        await #expect(throws: ConfigError.self) {
            try await ServerConfig.load(commandLine: ["pallet.maxInFlight": "-1"], environment: [:])
        }
        do {
            _ = try await ServerConfig.load(
                commandLine: ["pallet.metricsAddress": "9464", "pallet.logFormat": "xml"], environment: [:])
            Issue.record("bad values were accepted")
        } catch let error as ConfigError {
            #expect(error.problems == [
                "'pallet.metricsAddress' must be HOST:PORT (e.g. 127.0.0.1:9464), not '9464'.",
                "'pallet.logFormat' must be text or json, not 'xml'.",
            ])
        }
    }
}
