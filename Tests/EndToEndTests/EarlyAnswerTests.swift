import Foundation
import HTTPPlumbing
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Identity at the edge and clean connection ends (issue 10): a write is refused from its headers
/// before its body is read, and an answer that comes before the body ended is followed by a bounded
/// drain and a close, never by reading the whole upload or by waiting on a client that is still sending.
///
/// Over real sockets (`.live`). What the server read is measured in the server (`RequestBodyMeter`);
/// what the client sent includes kernel socket buffers and serves only as an upper bound.
@Suite("Early answers")
struct EarlyAnswerTests {
    static let megabyte = 1_000_000

    enum Key: String, CaseIterable, Sendable { case none, wrong }

    @Test("a 200 MB push without a key, or with a wrong key, is answered 401 before 1 MB of it was read",
          arguments: Key.allCases, [false, true])
    func unauthenticatedPushIsRefusedFromItsHeaders(_ key: Key, connectionClose: Bool) async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, _ in
            var headers = [("Content-Type", "multipart/form-data; boundary=early"), ("X-NuGet-Client-Version", "6.12.1")]
            if key == .wrong { headers.append(("X-NuGet-ApiKey", "pallet-not-a-key-of-this-server")) }
            let outcome = try await StreamingUpload(port: try #require(client.port)).put(
                "/api/v2/package/", headers: headers, bodyBytes: 200 << 20, connectionClose: connectionClose
            )
            #expect(!outcome.timedOut, "the exchange hung")
            let answer = try #require(meter.answers.first)
            #expect(answer.status == 401)
            #expect(answer.bodyBytesRead < Self.megabyte, "the server had read \(answer.bodyBytesRead) body bytes when it answered")
            #expect(!answer.requestEnded)
            // The server stopped after a bounded drain: far from the 200 MB, and so was the client.
            let closed = try #require(meter.earlyCloses.first, "the server did not close the connection")
            #expect(closed.reason == .drainLimit)
            #expect(closed.bodyBytesRead < 4 * Self.megabyte, "the server read \(closed.bodyBytesRead) body bytes in all")
            #expect(outcome.bodySent < 100 << 20, "the client could send \(outcome.bodySent) bytes")
            if let response = outcome.response {
                #expect(response.statusCode == 401, "\(response.statusLine)")
                #expect(response.headers["connection"]?.lowercased() == "close")
            } else {
                #expect(outcome.wasReset, "neither an answer nor a reset")
            }
        }
    }

    @Test("an over-limit upload from a client that reads only after sending ends: answer and close, or reset",
          arguments: [true, false])
    func overLimitUploadEnds(connectionClose: Bool) async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, maxPackageSizeMB: 1, bodyMeter: meter) { client, env in
            let outcome = try await StreamingUpload(port: try #require(client.port)).put(
                "/api/v2/package/", headers: [("Content-Type", "application/octet-stream"), ("X-NuGet-ApiKey", env.apiKey)],
                bodyBytes: 300 << 20, connectionClose: connectionClose
            )
            #expect(!outcome.timedOut, "the exchange hung (the server stopped reading and did not close)")
            #expect(meter.answers.first?.status == 413)
            #expect(meter.earlyCloses.first?.reason == .drainLimit)
            if let response = outcome.response {
                #expect(response.statusCode == 413, "\(response.statusLine)")
                #expect(response.reasonPhrase == "The package is larger than the server's limit of 1 MB.")
            } else {
                #expect(outcome.wasReset, "neither an answer nor a reset")
            }
        }
    }

    @Test("an early answer whose body ends within the drain limit closes cleanly: the client reads the answer")
    func smallBodyAfterEarlyAnswer() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, _ in
            let outcome = try await StreamingUpload(port: try #require(client.port)).put(
                "/api/v2/package/", headers: [("Content-Type", "application/octet-stream")], bodyBytes: 600_000,
                connectionClose: true
            )
            #expect(!outcome.timedOut)
            let response = try #require(outcome.response, "no answer (reset: \(outcome.wasReset))")
            #expect(response.statusCode == 401)
            #expect(response.reasonPhrase == "An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey).")
            #expect(outcome.bodySent == 600_000)
        }
    }
}
