@testable import HTTPPlumbing
import NIOCore
import Testing

/// `RawRequestHead`: which bytes the raw reader delimits as a bodyless request (and which of those the fast path
/// may answer), and which it leaves to NIO's decoder for good.
@Suite("RawRequestHead")
struct RawRequestHeadTests {
    enum Outcome: Equatable {
        case incomplete, unusable, routed(Int), fast(Int)
    }

    static func scan(_ text: String) -> Outcome {
        var buffer = ByteBuffer(string: text)
        return buffer.withUnsafeMutableReadableBytes { bytes in
            switch RawRequestHead.scan(UnsafeRawBufferPointer(bytes)) {
            case .incomplete: .incomplete
            case .unusable: .unusable
            case .request(let length, let fast): fast == nil ? .routed(length) : .fast(length)
            }
        }
    }

    static let plain = "GET /v3/index.json HTTP/1.1\r\nHost: x\r\n\r\n"

    @Test("complete heads are delimited at their empty line; what follows is the next request's", arguments: [
        (plain, Outcome.fast(plain.utf8.count)),
        (plain + "GET /next", .fast(plain.utf8.count)),
        ("HEAD /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", .fast(48)),
        ("GET /a HTTP/1.1\r\n\r\n", .fast(19)),
        ("GET /a?q=1 HTTP/1.1\r\n\r\n", .fast(23)),
        ("GET /a HTTP/1.1\r\nConnection: Keep-Alive\r\nX-Request-Id:\tabc\r\n\r\n", .fast(62)),
    ])
    func delimited(text: String, expected: Outcome) {
        #expect(Self.scan(text) == expected)
    }

    @Test("a head not complete yet waits for more bytes", arguments: ["", "G", "GET /a HTTP/1.1", "GET /a HTTP/1.1\r\n", "GET /a HTTP/1.1\r\nHost: x\r\n\r"])
    func incomplete(text: String) {
        #expect(Self.scan(text) == .incomplete)
    }

    @Test("bodyless requests the fast path does not take are delimited for NIO's decoder", arguments: [
        "GET /a?q=1#f HTTP/1.1\r\n\r\n", "GET /a%20b?q=1 HTTP/1.1\r\n\r\n", "GET /a/./b?q HTTP/1.1\r\n\r\n", "GET /a%20b HTTP/1.1\r\n\r\n", "GET /a/../b HTTP/1.1\r\n\r\n", "GET /a{b} HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.0\r\n\r\n", "DELETE /a HTTP/1.1\r\n\r\n", "get /a HTTP/1.1\r\n\r\n", "GET * HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n", "GET /a HTTP/1.1\r\nConnection: keep-alive, x\r\n\r\n",
        "GET /a HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", "GET /a HTTP/1.1\r\nIf-None-Match: \"e\" \r\n\r\n",
        "GET /a HTTP/1.1\r\nAccept-Encoding: gz\u{ef}p\r\n\r\n",
    ])
    func routed(text: String) {
        #expect(Self.scan(text) == .routed(text.utf8.count), "\(text)")
    }

    @Test("anything unusual, and every request with a body, is NIO's for good", arguments: [
        "GET /a HTTP/1.1\nHost: x\n\n", "GET /a HTTP/1.1\r\nHost: x\n\r\n", "GET /a HTTP/1.1\rHost: x\r\n\r\n", "\r\nGET /a HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost : x\r\n\r\n", "GET /a HTTP/1.1\r\n folded\r\n\r\n", "GET /a HTTP/1.1\r\nA\u{0}: b\r\n\r\n",
        "GET /a HTTP/2.0\r\n\r\n", "GET /a HTTP/1.1 \r\n\r\n", "GET  /a HTTP/1.1\r\n\r\n", "GET /\u{e9} HTTP/1.1\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /a HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n", "GET /a HTTP/1.1\r\nContent-Length: 00\r\n\r\n",
        "GET /a HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "CONNECT a:443 HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: x\r\nX: \u{7f}\r\n\r\n",
    ])
    func unusable(text: String) {
        #expect(Self.scan(text) == .unusable, "\(text)")
    }

    @Test("a head longer than the limit without its end is NIO's too")
    func tooLong() {
        #expect(Self.scan("GET /a HTTP/1.1\r\nX: " + String(repeating: "a", count: RawRequestHead.limit)) == .unusable)
    }

    @Test("the fields the fast path reads, as NIO's decoder gives them (leading whitespace dropped, repeats joined)")
    func fields() throws {
        let text = "HEAD /v3/flat/a/index.json HTTP/1.1\r\nAccept-Encoding: gzip\r\naccept-encoding:  br\r\nIF-NONE-MATCH: \"x\"\r\n"
            + "X-Request-Id: id-1\r\n\r\n"
        var buffer = ByteBuffer(string: text)
        let scanned = buffer.withUnsafeMutableReadableBytes { RawRequestHead.scan(UnsafeRawBufferPointer($0)) }
        guard case .request(_, let fast?) = scanned else {
            Issue.record("not a fast request")
            return
        }
        #expect(fast.isHead && fast.path == "/v3/flat/a/index.json")
        #expect(fast.acceptEncoding == "gzip, br" && fast.ifNoneMatch == "\"x\"" && fast.requestID == "id-1")
    }

    @Test("a query string goes with the request as it came (read by `FastQueryString`); the path is split off at the first ?",
          arguments: [
              ("/v3/query?q=a+b&take=%32", "/v3/query", "q=a+b&take=%32" as Substring?), ("/v3/query?", "/v3/query", ""),
              ("/v3/query", "/v3/query", nil), ("/a?b?c=d", "/a", "b?c=d"),
          ])
    func query(target: String, path: Substring, query: Substring?) throws {
        var buffer = ByteBuffer(string: "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        let scanned = buffer.withUnsafeMutableReadableBytes { RawRequestHead.scan(UnsafeRawBufferPointer($0)) }
        guard case .request(_, let fast?) = scanned else {
            Issue.record("not a fast request")
            return
        }
        #expect(fast.path == path && fast.query == query)
        let plain = try #require(FastRequest.plainTarget(target))
        #expect(plain.path == path && plain.query == query, "NIO's head reads the same")
    }
}
