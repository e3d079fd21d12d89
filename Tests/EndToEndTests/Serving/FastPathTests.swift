import Foundation
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// The event-loop fast path (`FastPath`, issue 13) on a real socket: for every read it takes, the same bytes as
/// the router's answer to the same request (which the router gets when the target carries a query the fast
/// path leaves alone), and documents that change the moment a push or unlist changes them.
///
/// Which path answered is told by the `RequestBodyMeter`: `EarlyAnswerHandler` records every answer the router
/// writes, and the fast path's answers never pass it.
@Suite("Fast path")
struct FastPathTests {
    /// Request id and date differ per answer by design; everything else must be equal.
    static func normalized(_ answer: Data) -> String {
        let text = String(decoding: answer, as: UTF8.self)
        return text
            .replacingOccurrences(of: #"X-Request-Id: [0-9a-f]+\r\n"#, with: "X-Request-Id: ID\r\n", options: .regularExpression)
            .replacingOccurrences(of: #"Date: [^\r]+\r\n"#, with: "Date: DATE\r\n", options: .regularExpression)
    }

    static func etag(_ answer: Data) -> String? {
        let text = String(decoding: answer, as: UTF8.self)
        guard let line = text.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("ETag: ") }) else { return nil }
        return String(line.dropFirst("ETag: ".count))
    }

    static func statusLine(_ answer: Data) -> String {
        String(decoding: answer, as: UTF8.self).components(separatedBy: "\r\n")[0]
    }

    @Test("documents, 404s and downloads: HEAD, gzip, If-None-Match and the caller's request id, byte for byte as the router sends them")
    func sameBytesAsTheRouter() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            var pushed: [String: Data] = [:]
            for version in ["1.0.0", "1.1.0", "2.0.0-beta.1"] {
                pushed[version] = try await client.pushCreated(package("Fast.Pkg", version), apiKey: env.apiKey)
            }
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let nupkg = FeedClient.nupkgPath("fast.pkg", "1.0.0")
            let paths = [
                "/v3/index.json", "/v3/flat/fast.pkg/index.json", "/v3/flat/FAST.Pkg/index.json",
                "/v3/registration/fast.pkg/index.json", "/v3/registration/fast.pkg/1.0.0.json",
                "/v3/registration-gz-semver2/fast.pkg/index.json", nupkg, "/v3/flat/Fast.Pkg/1.0.0/FAST.PKG.1.0.0.nupkg",
                "/v3/flat/no.such.pkg/index.json", "/v3/registration/no.such.pkg/index.json",
            ]
            let variants: [(String, [(String, String)])] = [
                ("GET", []), ("HEAD", []), ("GET", [("Accept-Encoding", "gzip, deflate")]), ("HEAD", [("Accept-Encoding", "gzip")]),
                ("GET", [("X-Request-Id", "client-chosen-id-1")]),
            ]
            var compared = 0
            for path in paths {
                for (method, headers) in variants {
                    // The router first: it fills what the fast path only reads (a gzip body, a remembered 404).
                    let routed = try await http.exchange([.init(method: method, target: path + "?via=router", headers: headers)])[0]
                    let before = meter.answers.count
                    let fast = try await http.exchange([.init(method: method, target: path, headers: headers)])[0]
                    // Downloads take the fast path from the data folder only (an object store is asked by the router).
                    if !path.hasSuffix(".nupkg") || TestBackend.current.isEmbedded {
                        #expect(meter.answers.count == before, "\(method) \(path) \(headers) was answered by the fast path")
                    }
                    #expect(Self.normalized(fast) == Self.normalized(routed), "\(method) \(path) \(headers)")
                    if headers.first?.0 == "X-Request-Id" {
                        #expect(String(decoding: fast, as: UTF8.self).contains("X-Request-Id: client-chosen-id-1\r\n"))
                    }
                    compared += 1

                    // Revalidation with the validator just sent: 304 from both, alike.
                    guard method == "GET", let etag = Self.etag(fast) else { continue }
                    let conditional = headers + [("If-None-Match", etag)]
                    let routed304 = try await http.exchange([.init(method: "GET", target: path + "?via=router", headers: conditional)])[0]
                    let fast304 = try await http.exchange([.init(method: "GET", target: path, headers: conditional)])[0]
                    #expect(Self.statusLine(fast304) == "HTTP/1.1 304 Not Modified")
                    #expect(Self.normalized(fast304) == Self.normalized(routed304), "304 of \(path) \(conditional)")
                }
            }
            #expect(compared == paths.count * variants.count)

            // The 404s carry their message in the status line and the body, as every NuGet error does.
            let missing = try await http.exchange([.init(method: "GET", target: "/v3/flat/no.such.pkg/index.json")])[0]
            #expect(Self.statusLine(missing) == "HTTP/1.1 404 Package 'no.such.pkg' was not found.")
            #expect(String(decoding: missing, as: UTF8.self).hasSuffix("\r\n\r\nPackage 'no.such.pkg' was not found.\n"))
            // The download's bytes are the pushed ones.
            let original = try #require(pushed["1.0.0"])
            let downloaded = try await http.exchange([.init(method: "GET", target: nupkg)])[0]
            #expect(downloaded.suffix(original.count) == original)
        }
    }

    @Test("a pushed version is in the flat index and registration through the fast path right after the push, and an unlist shows at once")
    func changesShowAtOnce() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await client.pushCreated(package("Fresh.Pkg", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let flat = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/flat/fresh.pkg/index.json")
            let registration = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/registration/fresh.pkg/index.json")
            // Read once, so the old document is what memory holds.
            let first = try await http.exchange([flat])[0]
            #expect(String(decoding: first, as: UTF8.self).hasSuffix(#"{"versions":["1.0.0"]}"#))

            try await client.pushCreated(package("Fresh.Pkg", "1.1.0"), apiKey: env.apiKey)
            var before = meter.answers.count
            let afterPush = try await http.exchange([flat, registration])
            // On PostgreSQL + S3 (a shared installation) the change follower may drop a freshly rendered id from
            // memory, and the router then reads it from the store once: the same bytes, by the other path.
            let fastExpected = TestBackend.current.isEmbedded
            if fastExpected { #expect(meter.answers.count == before, "both came from the fast path") }
            #expect(String(decoding: afterPush[0], as: UTF8.self).hasSuffix(#"{"versions":["1.0.0","1.1.0"]}"#))
            #expect(Self.etag(afterPush[0]) != Self.etag(first), "a new document, a new validator")
            #expect(String(decoding: afterPush[1], as: UTF8.self).contains(#""version":"1.1.0""#))

            #expect(try await client.unlist("Fresh.Pkg", "1.1.0", apiKey: env.apiKey).status == .noContent)
            before = meter.answers.count
            let afterUnlist = try await http.exchange([registration])[0]
            if fastExpected { #expect(meter.answers.count == before) }
            let body = String(decoding: afterUnlist, as: UTF8.self)
            #expect(body.contains(#""listed":false"#) || body.contains(#""listed": false"#), "the unlisted version shows as such at once")
        }
    }

    @Test("requests the fast path leaves alone reach the router: Connection: close, a query, a dot segment, another Connection")
    func leftToTheRouter() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await client.pushCreated(package("Routed.Pkg", "1.0.0"), apiKey: env.apiKey)
            let port = try #require(client.port)
            let path = "/v3/flat/routed.pkg/index.json"
            var before = meter.answers.count
            let closing = try await RawHTTPClient(port: port).send("GET", path)  // sends Connection: close
            #expect(closing.statusCode == 200 && closing.text == #"{"versions":["1.0.0"]}"#)
            #expect(meter.answers.count == before + 1, "Connection: close goes to the router")

            before = meter.answers.count
            let http = KeepAliveHTTPClient(port: port)
            _ = try await http.exchange([
                .init(method: "GET", target: path + "?x=1"),
                .init(method: "GET", target: "/v3/flat/routed.pkg/./index.json"),
                .init(method: "GET", target: path, headers: [("Connection", "keep-alive, x-custom")]),
            ])
            #expect(meter.answers.count == before + 3, "a query, a dot segment and an unusual Connection go to the router")
        }
    }

    @Test("answers the event loops remember: a 404 turns into the document the moment its id is pushed, a replaced document is never answered stale")
    func rememberedAnswersFollowChanges() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            let port = try #require(client.port)
            // Several connections, so every event loop remembers the answers (connections are spread over loops).
            let connections = (0..<4).map { _ in KeepAliveHTTPClient(port: port) }
            let flat = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/flat/later.pkg/index.json")
            let head = KeepAliveHTTPClient.Request(method: "HEAD", target: "/v3/flat/later.pkg/index.json")
            let registration = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/registration/later.pkg/index.json")
            var before = meter.answers.count
            for http in connections {
                // The first may go to the router (the blob store is asked once); the rest are remembered 404s.
                for answer in try await http.exchange([flat, flat, head, registration, registration]) {
                    #expect(Self.statusLine(answer).hasPrefix("HTTP/1.1 404 "))
                }
            }
            let fastExpected = TestBackend.current.isEmbedded  // see `changesShowAtOnce`
            if fastExpected { #expect(meter.answers.count - before <= 2, "the 404s came from memory once learnt") }

            try await client.pushCreated(package("Later.Pkg", "1.0.0"), apiKey: env.apiKey)
            for http in connections {
                before = meter.answers.count
                let answers = try await http.exchange([flat, head, registration])
                if fastExpected { #expect(meter.answers.count == before, "answered by the fast path") }
                #expect(String(decoding: answers[0], as: UTF8.self).hasSuffix(#"{"versions":["1.0.0"]}"#), "the 404 is gone at once")
                #expect(Self.statusLine(answers[1]) == "HTTP/1.1 200 OK")
                #expect(String(decoding: answers[2], as: UTF8.self).contains(#""version":"1.0.0""#))
                // Read again: now it is what the loops remember.
                _ = try await http.exchange([flat, flat])
            }

            try await client.pushCreated(package("Later.Pkg", "2.0.0"), apiKey: env.apiKey)
            for http in connections {
                let answers = try await http.exchange([flat, registration])
                #expect(String(decoding: answers[0], as: UTF8.self).hasSuffix(#"{"versions":["1.0.0","2.0.0"]}"#), "never the replaced one")
                #expect(String(decoding: answers[1], as: UTF8.self).contains(#""version":"2.0.0""#))
            }
        }
    }

    @Test("fast answers are counted in /metrics with their route family and status")
    func counted() async throws {
        try await withTestServer(.live) { client, env in
            try await client.pushCreated(package("Counted.Pkg", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            _ = try await http.exchange([.init(method: "GET", target: "/v3/flat/counted.missing/index.json")])  // remembered as absent
            let before = try await MetricsScrape.samples()
            _ = try await http.exchange(
                Array(repeating: .init(method: "GET", target: "/v3/flat/counted.pkg/index.json"), count: 5)
                    + [.init(method: "GET", target: "/v3/flat/counted.missing/index.json")])
            let after = try await MetricsScrape.samples()
            func moved(_ series: String) -> Double { (after[series] ?? 0) - (before[series] ?? 0) }
            #expect(moved(#"pallet_http_requests_total{family="flat_index",status="200"}"#) >= 5)
            #expect(moved(#"pallet_http_requests_total{family="flat_index",status="404"}"#) >= 1)
            #expect(moved(#"pallet_http_request_duration_seconds_count{family="flat_index",status="200"}"#) >= 5)
            #expect(moved(#"pallet_cache_hits_total{cache="documents"}"#) >= 5)
            #expect(moved(#"pallet_cache_misses_total{cache="documents"}"#) >= 1, "a remembered 404 counts as the miss it was")
        }
    }

    @Test("behind nginx (X-Accel-Redirect): the fast answer to a download is the router's, head for head, HEAD and 304 too")
    func accelRedirect() async throws {
        guard TestBackend.current.isEmbedded else { return }  // the data folder's files only
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter, configure: { $0.accelRedirectPrefix = "/_blobs/" }) { client, env in
            try await client.pushCreated(package("Accel.Pkg", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let nupkg = FeedClient.nupkgPath("accel.pkg", "1.0.0")
            let routed = try await http.exchange([.init(method: "GET", target: nupkg + "?via=router")])[0]
            let etag = try #require(Self.etag(routed))
            for (method, headers) in [("GET", []), ("HEAD", []), ("GET", [("If-None-Match", etag)])] as [(String, [(String, String)])] {
                let alone = try await http.exchange([.init(method: method, target: nupkg + "?via=router", headers: headers)])[0]
                let before = meter.answers.count
                let fast = try await http.exchange([.init(method: method, target: nupkg, headers: headers)])[0]
                #expect(meter.answers.count == before, "\(method) \(headers) answered by the fast path")
                #expect(Self.normalized(fast) == Self.normalized(alone), "\(method) \(headers)")
            }
            let text = String(decoding: routed, as: UTF8.self)
            #expect(text.contains("X-Accel-Redirect: /_blobs/packages/accel.pkg/1.0.0/accel.pkg.1.0.0.nupkg\r\n"))
            #expect(text.contains("Content-Length: 0\r\n"), "nginx sends the file; the answer itself is empty")
        }
    }

    @Test("with the fast path off every request reaches the router, with the same answers")
    func switchedOff() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter, configure: { $0.fastPath = false }) { client, env in
            try await client.pushCreated(package("Off.Pkg", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let before = meter.answers.count
            let answers = try await http.exchange([.init(method: "GET", target: "/v3/flat/off.pkg/index.json"), .init(method: "GET", target: "/v3/index.json")])
            #expect(meter.answers.count == before + 2)
            #expect(String(decoding: answers[0], as: UTF8.self).hasSuffix(#"{"versions":["1.0.0"]}"#))
        }
        let config = try await ServerConfig.load(commandLine: ["pallet.fastPath": "false"], environment: [:])
        #expect(config.fastPath == false)
        #expect(try await ServerConfig.load(commandLine: [:], environment: [:]).fastPath == true)
        await #expect(throws: (any Error).self) { try await ServerConfig.load(commandLine: ["pallet.fastPath": "maybe"], environment: [:]) }
    }
}

/// `/metrics` samples by series, read through the metrics router (as `MetricsTests` reads them).
enum MetricsScrape {
    static func samples() async throws -> [String: Double] {
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
