import Foundation
import HTTPPlumbing
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// Pipelined requests on one real connection, where fast answers (written in front of NIO's HTTP/1 codec) and
/// the router's answers (through it) interleave: every answer comes in order, with the bytes each path gives
/// the same request alone, and NIO's record of each request (a HEAD's answer has no body) stays in step.
@Suite("Fast path, pipelined")
struct FastPathPipeliningTests {
    typealias Request = KeepAliveHTTPClient.Request

    /// Each request's answer when asked alone (fast requests by the router, through a query it ignores).
    static func alone(_ requests: [Request], _ http: KeepAliveHTTPClient) async throws -> [String] {
        var answers: [String] = []
        for request in requests {
            var routed = request
            if !routed.target.contains("?") { routed.target += "?via=router" }
            answers.append(FastPathTests.normalized(try await http.exchange([routed])[0]))
        }
        return answers
    }

    @Test("HEAD, GET, a router-only request, 404s, a download and Connection: close, pipelined whole and cut into segments of 1, 7 and 61 bytes: in order and as alone")
    func interleaved() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await client.pushCreated(package("Piped.Pkg", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let flat = "/v3/flat/piped.pkg/index.json"
            let nupkg = FeedClient.nupkgPath("piped.pkg", "1.0.0")
            let requests: [Request] = [
                .init(method: "HEAD", target: flat),
                .init(method: "GET", target: flat),
                .init(method: "HEAD", target: flat + "?x=1"),  // the router's, a HEAD: NIO must drop its body
                .init(method: "GET", target: flat, headers: [("Accept-Encoding", "gzip")]),
                .init(method: "GET", target: "/v3/flat/piped.pkg/index.json?y=2"),  // the router's, a GET after its HEAD
                .init(method: "GET", target: "/v3/registration/no.such.pkg/index.json"),
                .init(method: "HEAD", target: nupkg),
                .init(method: "GET", target: nupkg),
                .init(method: "GET", target: "/v3/index.json", headers: [("X-Request-Id", "piped-1")]),
                .init(method: "GET", target: flat, headers: [("Connection", "close")]),
            ]
            let expected = try await Self.alone(requests, http)
            // One server for every cut (each test server costs the loaded machine a start-up and a push).
            for segment in [nil, 1, 7, 61] as [Int?] {
                let before = meter.answers.count
                let answers = try await http.pipelined(requests, segment: segment)
                #expect(answers.count == requests.count)
                for (index, answer) in answers.enumerated() {
                    #expect(FastPathTests.normalized(answer) == expected[index], "\(requests[index].method) \(requests[index].target), cut \(segment ?? 0)")
                }
                // The two with a query and the one with Connection: close went to the router, and so did the fast
                // requests that arrived while one of its answers was due (answers never overtake); the first two,
                // ahead of any, did not.
                let routed = meter.answers.count - before
                #expect(routed >= 3 && routed <= requests.count - 2, "\(routed) answered by the router, cut \(segment ?? 0)")
                #expect(String(decoding: answers[8], as: UTF8.self).contains("X-Request-Id: piped-1\r\n"))
                #expect(String(decoding: answers[4], as: UTF8.self).hasSuffix(#"{"versions":["1.0.0"]}"#), "the GET after a routed HEAD has its body")
            }
        }
    }

    @Test("after a request with a body (NIO reads the rest of the connection) fast requests still answer as alone, HEAD included")
    func afterABody() async throws {
        try await withTestServer(.live) { client, env in
            try await client.pushCreated(package("Piped.Body", "1.0.0"), apiKey: env.apiKey)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let flat = "/v3/flat/piped.body/index.json"
            let reads: [Request] = [.init(method: "HEAD", target: flat), .init(method: "GET", target: flat), .init(method: "GET", target: flat + "?z=3")]
            let expected = try await Self.alone(reads, http)
            let withBody = Request(method: "POST", target: "/v3/query", body: "hello")
            let alone = try await http.exchange([withBody])[0]
            let answers = try await http.pipelined([withBody] + reads)
            #expect(FastPathTests.statusLine(answers[0]) == FastPathTests.statusLine(alone))
            #expect(answers.dropFirst().map(FastPathTests.normalized) == expected)
        }
    }
}
