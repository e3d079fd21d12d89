import Foundation
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport
import Synchronization
import Testing

/// One id per request: the caller's sane `X-Request-Id` or a generated one, in the answer's header, in the
/// body of every 5xx, and in every log line written for the request (text and JSON logs).
@Suite("Request ids")
struct RequestIDTests {
    @Test("a sane incoming X-Request-Id is kept; a missing or unsafe one is replaced by a generated id",
          arguments: [("abc-123_x.y:z", true), ("", false), ("has space", false), ("line\u{1}break", false),
                      (String(repeating: "a", count: 129), false), (String(repeating: "a", count: 128), true)])
    func incoming(_ value: String, kept: Bool) async throws {
        let app = Application(router: servingTestRouter(limiter: nil))
        try await app.test(.router) { client in
            let headers: HTTPFields = value.isEmpty ? [:] : [.requestID: value]
            let response = try await client.execute(uri: "/ok", method: .get, headers: headers)
            let id = try #require(response.headers[.requestID])
            if kept {
                #expect(id == value)
            } else {
                #expect(id != value && id.count >= 16 && id.allSatisfy(\.isHexDigit), "\(id)")
            }
        }
    }

    @Test("a 500 names the request id in its header, reason phrase and body, and the log line carries it")
    func serverError() async throws {
        let log = CapturedLog()
        let app = Application(router: servingTestRouter(limiter: nil), logger: log.logger(level: .info))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/fail", method: .get, headers: [.requestID: "req-500-test"])
            #expect(response.status.code == 500)
            #expect(response.headers[.requestID] == "req-500-test")
            let body = String(buffer: response.body)
            #expect(body == "Internal server error (request id req-500-test); the server log has the details.\n")
            #expect(!body.contains("CocoaError"), "no internals")
        }
        #expect(log.text.contains("unhandled error"))
        #expect(log.text.contains("req-500-test"))
    }

    @Test("with the JSON log format every line is one JSON object carrying the request id")
    func jsonLog() async throws {
        let lines = LockedLines()
        var logger = Logger(label: "pallet.json") { label in JSONLogHandler(label: label, write: { lines.append($0) }) }
        logger.logLevel = .info
        let app = Application(router: servingTestRouter(limiter: nil), logger: logger)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/log", method: .get, headers: [.requestID: "req-json-1"])
            _ = try await client.execute(uri: "/fail", method: .get, headers: [.requestID: "req-json-2"])
        }
        let objects = try lines.all.map { line in
            #expect(!line.contains("\n"))
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
        }
        let handled = try #require(objects.first { $0["message"] == "handling the logged request" })
        #expect(handled["request_id"] == "req-json-1")
        #expect(handled["level"] == "info" && handled["label"] == "pallet.json")
        #expect(handled["time"]?.hasSuffix("Z") == true)
        let failed = objects.filter { $0["request_id"] == "req-json-2" }
        #expect(failed.contains { $0["message"] == "unhandled error" && $0["level"] == "error" })
    }

    @Test("hostile text stays inside one JSON line")
    func jsonEscaping() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 0), level: .warning, label: "l", message: "a \"quoted\"\nsecond\tline \\ \u{7}",
            metadata: ["path": "/x\r\ny"], source: "S")
        #expect(!line.contains("\n") && !line.contains("\r"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "a \"quoted\"\nsecond\tline \\ \u{7}")
        #expect(object["path"] == "/x\r\ny")
        #expect(object["time"] == "1970-01-01T00:00:00.000Z")
    }
}

/// Lines written by a log handler from any thread.
final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
