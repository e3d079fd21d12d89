import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Gallery
import HTTPPlumbing
import HTTPTypes
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// Search and autocomplete on the event-loop fast path (`FastSearchAnswers`, issue 13): for every request it
/// takes, the bytes the router's `SearchRoutes` sends (status line, fields but request id and `Date`, body), the
/// query string read as Hummingbird reads it; everything odd left to the router; answers that follow every change
/// of the index; and the request limit honoured.
///
/// Which path answered is told by the `RequestBodyMeter` (the router's answers pass it, the fast path's never do).
/// A request is sent to the router by adding a parameter whose value does not percent-decode (`via=%zz`): the
/// fast path leaves such a query alone, and the routes ignore an unknown parameter.
@Suite("Fast search")
struct FastSearchTests {
    static let routed = "via=%zz"

    /// A query string, and whether the fast path answers it (`cachedOnly`: only once the router made it).
    struct Asked: CustomStringConvertible {
        var path: String
        var query: String?
        var fast: Bool
        var cachedOnly = false
        var target: String { query.map { path + "?" + $0 } ?? path }
        /// The same request with the parameter that sends it to the router.
        var routedTarget: String { path + "?" + (query.map { $0.isEmpty ? FastSearchTests.routed : $0 + "&" + FastSearchTests.routed } ?? FastSearchTests.routed) }
        var description: String { target }
    }

    static func query(_ query: String?, fast: Bool = true, cachedOnly: Bool = false) -> Asked {
        Asked(path: "/v3/query", query: query, fast: fast, cachedOnly: cachedOnly)
    }
    static func autocomplete(_ query: String?, fast: Bool = true) -> Asked { Asked(path: "/v3/autocomplete", query: query, fast: fast) }

    /// Queries a NuGet client sends and odd ones: words, `%20` and `+`, prefixes, paging, prerelease and SemVer
    /// levels, package types, spellings of names, repeated and empty parameters, filters and phrases, and values
    /// the routes refuse (the router's 400) or that read differently in Hummingbird (left to the router).
    static let corpus: [Asked] = [
        query("q=json"), query("q=fast%20json"), query("q=fast+json"), query("q=Fast.Js"), query("q=fas"),
        query("q=json&skip=1&take=2"), query("q=json&take=0"), query("q=json&prerelease=true"),
        query("q=json&prerelease=true&semVerLevel=2.0.0"), query("semVerLevel=2.0.0&prerelease=TRUE"), query("q=json&semVerLevel=1.0.0"),
        query("q=json&packageType=DotnetTool"), query("packageTypeFilter=dotnettool"), query("q=tool&packageTypes=Dependency"),
        query(nil), query(""), query("q="), query("&&q=json&"), query("Q=JSON&TAKE=1&Skip=1"), query("q=json&q=tool"), query("q"),
        query("q=id%3Afast.json"), query("q=%22fast%20json%22"), query("q=tags:serializer"),
        query("q=json&take=%32"), query("=json&take=1"), query("q=json?take=1"), query("q=a%2Bb"),
        // Refused by the routes (400 with its reason phrase): the router's.
        query("q=json&skip=abc", fast: false), query("q=json&take=-1", fast: false),
        // Read differently by Hummingbird or outside ASCII: the router's.
        query("q=caf%C3%A9", fast: false), query("q=%zz", fast: false), query("q=json%2", fast: false),
        query("q=" + String(repeating: "x", count: 1100), fast: false),
        // Far down the ranking: made by the router, then a lookup (see `pagedFarDown`).
        query("q=json&skip=290&take=20", cachedOnly: true), query("q=json&take=5000", cachedOnly: true),
        autocomplete("q=fa"), autocomplete("q=FAST.J&take=1"), autocomplete(nil), autocomplete("q=&prerelease=true"),
        autocomplete("id=fast.json"), autocomplete("id=FAST.JSON&prerelease=true"), autocomplete("id=json.net.like&prerelease=true&semVerLevel=2.0.0"),
        autocomplete("id=no.such.id"), autocomplete("q=fast&skip=abc", fast: false),
    ]

    static let variants: [(method: String, headers: [(String, String)])] = [
        ("GET", []), ("HEAD", []), ("GET", [("Accept-Encoding", "gzip, deflate")]), ("GET", [("If-None-Match", "\"x\"")]),
        ("GET", [("X-Request-Id", "client-chosen-search-1")]),
    ]

    /// The packages every test searches.
    static func pushCorpus(_ client: FeedClient, _ env: TestEnvironment) async throws {
        try await client.pushCreated(package("Fast.Json", "1.0.0") { $0.tags = "json serializer"; $0.description = "A fast JSON library." }, apiKey: env.apiKey)
        try await client.pushCreated(package("Fast.Json", "2.0.0-beta.1") { $0.tags = "json serializer" }, apiKey: env.apiKey)
        try await client.pushCreated(package("Fast.Json.Tool", "1.0.0") { $0.packageTypes = ["DotnetTool"]; $0.tags = "json tool" }, apiKey: env.apiKey)
        try await client.pushCreated(package("Json.Net.Like", "1.0.0") { $0.description = "Like the other json one." }, apiKey: env.apiKey)
        try await client.pushCreated(package("Json.Net.Like", "3.0.0+build.7"), apiKey: env.apiKey)
        try await client.pushCreated(package("Other.Pkg", "1.0.0") { $0.description = "Unrelated." }, apiKey: env.apiKey)
        // Whatever the change follower makes of these pushes (on a shared database it may reload an id, which
        // moves the index's generation) is done now, so an answer cached later stays current for the test.
        _ = try await env.gallery.follower.poll()
    }

    @Test("every query of the corpus, GET, HEAD, gzip asked, If-None-Match and the caller's request id: byte for byte the router's answer")
    func sameBytesAsTheRouter() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await Self.pushCorpus(client, env)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            var compared = 0
            for (index, asked) in Self.corpus.enumerated() {
                for (method, headers) in Self.variants {
                    let fastRequest = KeepAliveHTTPClient.Request(method: method, target: asked.target, headers: headers)
                    let routedRequest = KeepAliveHTTPClient.Request(method: method, target: asked.routedTarget, headers: headers)
                    // Half the queries are made first by the fast path, half by the router: read differently, the two
                    // would keep their answers under different keys, and the corpus's answers differ.
                    let fastFirst = index % 2 == 0 && !asked.cachedOnly
                    let routerCount = meter.answers.count
                    let answers = try await http.exchange(fastFirst ? [fastRequest, routedRequest] : [routedRequest, fastRequest])
                    let (fast, routed) = fastFirst ? (answers[0], answers[1]) : (answers[1], answers[0])
                    let byRouter = meter.answers.count - routerCount
                    if asked.fast {
                        // Far down the ranking: the router made it just before (see `pagedFarDown`).
                        #expect(byRouter == 1, "\(method) \(asked) \(headers) was answered by the fast path")
                    } else {
                        #expect(byRouter == 2, "\(method) \(asked) \(headers) was left to the router")
                    }
                    #expect(FastPathTests.normalized(fast) == FastPathTests.normalized(routed), "\(method) \(asked) \(headers)")
                    if headers.first?.0 == "X-Request-Id" {
                        #expect(String(decoding: fast, as: UTF8.self).contains("X-Request-Id: client-chosen-search-1\r\n"))
                    }
                    compared += 1
                }
            }
            #expect(compared == Self.corpus.count * Self.variants.count)

            // What the answers say (the comparison above would pass on two equally wrong answers).
            let http2 = KeepAliveHTTPClient(port: try #require(client.port))
            let answers = try await http2.exchange([
                .init(method: "GET", target: "/v3/query?q=json&skip=1&take=2"),
                .init(method: "GET", target: "/v3/query?q=json&skip=abc"),
                .init(method: "HEAD", target: "/v3/query?q=fast+json"),
                .init(method: "GET", target: "/v3/autocomplete?id=FAST.JSON&prerelease=true&semVerLevel=2.0.0"),
            ])
            let page = try JSONSerialization.jsonObject(with: Self.body(answers[0])) as? [String: Any]
            #expect(page?["totalHits"] as? Int == 3 && (page?["data"] as? [Any])?.count == 2)
            #expect(FastPathTests.statusLine(answers[1]) == "HTTP/1.1 400 The 'skip' parameter must be a whole number, not 'abc'.")
            let head = String(decoding: answers[2], as: UTF8.self)
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-cache\r\nContent-Length: "))
            #expect(head.hasSuffix("\r\nServer: Pallet\r\n\r\n"), "a HEAD answer has no body")
            #expect(String(decoding: Self.body(answers[3]), as: UTF8.self) == #"{"data":["1.0.0","2.0.0-beta.1"]}"#)
        }
    }

    static func body(_ answer: Data) -> Data {
        guard let end = answer.range(of: Data("\r\n\r\n".utf8))?.upperBound else { return Data() }
        return Data(answer[end...])
    }

    @Test("after a request with a body (NIO reads the rest of the connection) search GET and HEAD still answer as alone")
    func afterABody() async throws {
        try await withTestServer(.live) { client, env in
            try await Self.pushCorpus(client, env)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let reads: [KeepAliveHTTPClient.Request] = [
                .init(method: "HEAD", target: "/v3/query?q=json"), .init(method: "GET", target: "/v3/query?q=json"),
                .init(method: "HEAD", target: "/v3/autocomplete?q=fast"), .init(method: "GET", target: "/v3/autocomplete?q=fast"),
            ]
            var expected: [String] = []
            for read in reads {
                let routed = KeepAliveHTTPClient.Request(method: read.method, target: read.target + "&" + Self.routed)
                expected.append(FastPathTests.normalized(try await http.exchange([routed])[0]))
            }
            let withBody = KeepAliveHTTPClient.Request(method: "POST", target: "/v3/query", body: "hello")
            let alone = try await http.exchange([withBody])[0]
            let answers = try await http.pipelined([withBody] + reads + reads)
            #expect(FastPathTests.statusLine(answers[0]) == FastPathTests.statusLine(alone))
            #expect(answers.dropFirst().map(FastPathTests.normalized) == expected + expected)
        }
    }

    @Test("a page far down the ranking is made by the router once, then looked up by the fast path")
    func pagedFarDown() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await Self.pushCorpus(client, env)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let far = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/query?q=json&skip=290&take=20")
            var before = meter.answers.count
            let made = try await http.exchange([far])[0]
            #expect(meter.answers.count == before + 1, "not cached: the router makes it")
            before = meter.answers.count
            let looked = try await http.exchange([far, far])
            #expect(meter.answers.count == before, "cached: the fast path answers it")
            #expect(looked.allSatisfy { FastPathTests.normalized($0) == FastPathTests.normalized(made) })
            #expect(String(decoding: Self.body(made), as: UTF8.self) == #"{"data":[],"totalHits":3}"#)
        }
    }

    @Test("at an index over 1,000 packages a query that may rank every package is made by the router, then looked up fast")
    func largeIndexBound() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await Self.pushCorpus(client, env)
            // Straight into the in-memory index (search reads nothing else): 1,001 more packages.
            let published = Date(timeIntervalSince1970: 1_700_000_000)
            for n in 0...1_000 {
                env.gallery.search.upsert([PackageVersionRecord(
                    id: "Bulk.Pkg\(n)", version: "1.0.0", normalizedVersion: "1.0.0", verbatimVersion: "1.0.0",
                    isPrerelease: false, isSemVer2: false, listed: true, created: published, published: published,
                    packageSize: 100, packageHash: "hash", downloads: 0,
                    metadata: PackageMetadata(title: nil, authors: "Bulk", description: "A bulk package.", summary: nil, tags: [],
                                              packageTypes: []))], owners: ["bulk"])
            }
            #expect(env.gallery.search.count > 1_000)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            for (target, madeHere) in [
                ("/v3/query?q=", false), ("/v3/query?q=j&take=5", false), ("/v3/query?q=id:bulk.pkg7", false),
                ("/v3/autocomplete?q=", false), ("/v3/query?q=bulk&take=5", true), ("/v3/autocomplete?q=bu", true),
            ] {
                let request = KeepAliveHTTPClient.Request(method: "GET", target: target)
                var before = meter.answers.count
                let first = try await http.exchange([request])[0]
                #expect(meter.answers.count - before == (madeHere ? 0 : 1), "\(target): made by \(madeHere ? "the fast path" : "the router")")
                before = meter.answers.count
                let again = try await http.exchange([request])[0]
                #expect(meter.answers.count == before, "\(target) again: looked up by the fast path")
                #expect(FastPathTests.normalized(again) == FastPathTests.normalized(first))
                #expect(FastPathTests.statusLine(first) == "HTTP/1.1 200 OK")
            }
        }
    }

    @Test("a push, an unlist and a download flush show in the next fast answer")
    func changesShowAtOnce() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await Self.pushCorpus(client, env)
            let port = try #require(client.port)
            // Several connections, so both event loops answer (connections are spread over the loops).
            let connections = (0..<4).map { _ in KeepAliveHTTPClient(port: port) }
            let search = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/query?q=fresh&prerelease=true")
            let ids = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/autocomplete?q=fresh")
            let versions = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/autocomplete?id=fresh.lib&prerelease=true")
            func bodies() async throws -> [String] {
                var seen: [[String]] = []
                for http in connections {
                    let before = meter.answers.count
                    let answers = try await http.exchange([search, ids, versions, search])
                    #expect(meter.answers.count == before, "answered by the fast path")
                    seen.append(answers.map { String(decoding: Self.body($0), as: UTF8.self) })
                }
                #expect(Set(seen).count == 1, "every connection sees the same")
                return seen[0]
            }
            var now = try await bodies()
            #expect(now[0].contains(#""totalHits":0"#) && now[1].contains(#""totalHits":0"#) && now[2] == #"{"data":[]}"#)

            try await client.pushCreated(package("Fresh.Lib", "1.0.0"), apiKey: env.apiKey)
            now = try await bodies()
            #expect(now[0].contains(#""id":"Fresh.Lib""#) && now[0].contains(#""version":"1.0.0""#))
            #expect(now[1].contains(#""data":["Fresh.Lib"]"#) && now[2] == #"{"data":["1.0.0"]}"#)

            try await client.pushCreated(package("Fresh.Lib", "2.0.0-beta"), apiKey: env.apiKey)
            now = try await bodies()
            #expect(now[0].contains(#""version":"2.0.0-beta""#) && now[2] == #"{"data":["1.0.0","2.0.0-beta"]}"#)

            #expect(try await client.unlist("Fresh.Lib", "2.0.0-beta", apiKey: env.apiKey).status == .noContent)
            now = try await bodies()
            #expect(!now[0].contains("2.0.0-beta") && now[2] == #"{"data":["1.0.0"]}"#)

            // Downloads move the counts search shows once flushed.
            #expect(now[0].contains(#""totalDownloads":0"#))
            _ = try await connections[0].exchange([.init(method: "GET", target: FeedClient.nupkgPath("fresh.lib", "1.0.0"))])
            await env.gallery.downloads.flush()
            now = try await bodies()
            #expect(now[0].contains(#""totalDownloads":1"#), "the flushed download shows in the next answer")
        }
    }

    @Test("fast answers are counted in /metrics with their route family, and answers from memory as search cache hits")
    func counted() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter) { client, env in
            try await Self.pushCorpus(client, env)
            let http = KeepAliveHTTPClient(port: try #require(client.port))
            let search = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/query?q=counted+json")
            let ids = KeepAliveHTTPClient.Request(method: "HEAD", target: "/v3/autocomplete?q=counted")
            _ = try await http.exchange([search, ids])  // made (misses), and remembered by this loop
            let before = try await MetricsScrape.samples()
            let routed = meter.answers.count
            _ = try await http.exchange(Array(repeating: search, count: 5) + Array(repeating: ids, count: 3))
            let after = try await MetricsScrape.samples()
            #expect(meter.answers.count == routed, "all answered by the fast path")
            func moved(_ series: String) -> Double { (after[series] ?? 0) - (before[series] ?? 0) }
            #expect(moved(#"pallet_http_requests_total{family="search",status="200"}"#) >= 5)
            #expect(moved(#"pallet_http_requests_total{family="autocomplete",status="200"}"#) >= 3)
            #expect(moved(#"pallet_http_request_duration_seconds_count{family="search",status="200"}"#) >= 5)
            #expect(moved(#"pallet_cache_hits_total{cache="search"}"#) >= 8, "each a reused answer")
        }
    }

    @Test("with every request slot taken the router answers a search (and refuses it); once free, the fast path does")
    func limiterHonoured() async throws {
        let meter = RequestBodyMeter()
        try await withTestServer(.live, bodyMeter: meter, configure: { $0.maxInFlight = 1; $0.maxQueued = 0 }) { client, env in
            try await Self.pushCorpus(client, env)
            let port = try #require(client.port)
            let http = KeepAliveHTTPClient(port: port)
            let search = KeepAliveHTTPClient.Request(method: "GET", target: "/v3/query?q=json")
            _ = try await http.exchange([search])  // cached now

            // A push whose body stops half-way holds the one slot while the server waits for the rest.
            let held = try HeldRequest(port: port)
            defer { held.close() }
            let body = String(repeating: "x", count: 200)
            try held.send("PUT /api/v2/package/ HTTP/1.1\r\nHost: pallet.test\r\nX-NuGet-ApiKey: \(env.apiKey)\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body.prefix(100))
            // Until the server has read that head, the search may still find the slot free (and be answered fast).
            var refused: Data?
            for _ in 0..<10_000 {
                let before = meter.answers.count
                let answer = try await http.exchange([search])[0]
                if FastPathTests.statusLine(answer).hasPrefix("HTTP/1.1 503 ") {
                    refused = answer
                    break
                }
                #expect(meter.answers.count == before, "a 200 with a free slot is the fast path's")
            }
            let answer = try #require(refused, "the held push took the slot")
            #expect(FastPathTests.statusLine(answer).hasPrefix("HTTP/1.1 503 The server is busy"))
            #expect(String(decoding: answer, as: UTF8.self).contains("Retry-After: 1\r\n"))

            // The push ends (an invalid package: 400); its slot is given back before its answer is written.
            try held.send(String(body.dropFirst(100)))
            #expect(try held.statusLine().hasPrefix("HTTP/1.1 400 "))
            let before = meter.answers.count
            let again = try await http.exchange([search])[0]
            #expect(FastPathTests.statusLine(again) == "HTTP/1.1 200 OK")
            #expect(meter.answers.count == before, "a free slot again: the fast path answers")
        }
    }
}

/// A request sent in parts over its own socket, its answer read when it is complete (tests hold a request slot
/// with it). Blocking calls with a hang guard (a receive timeout), never a time limit.
final class HeldRequest: @unchecked Sendable {  // used by one test at a time
    private let fd: Int32

    init(port: Int) throws {
        fd = try RawHTTPClient.connectedSocket(port: port, hangGuardSeconds: 120)
    }

    func send(_ text: String) throws {
        try Data(text.utf8).withUnsafeBytes { buffer in
            guard Glibc.send(fd, buffer.baseAddress!, buffer.count, Int32(MSG_NOSIGNAL)) == buffer.count else {
                throw RawHTTPClient.SocketError(description: "send() failed")
            }
        }
    }

    /// The answer's status line.
    func statusLine() throws -> String {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.range(of: Data("\r\n".utf8)) == nil {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw RawHTTPClient.SocketError(description: "connection closed mid-answer") }
            received.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n")[0]
    }

    func close() {
        Glibc.close(fd)
    }
}
