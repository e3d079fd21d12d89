import Foundation
@testable import HTTPPlumbing
import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

/// `RawFastPathHandler` in front of NIO's HTTP/1 server pipeline, as Hummingbird builds it: which requests it
/// answers itself (none of them ever reaches NIO's decoder or encoder), that the requests it passes on keep
/// NIO's own records in step (a HEAD's answer has no body, the answer after it has), that answers never
/// overtake each other, and that its bytes are the encoder's bytes for every kind of head.
@Suite("RawFastPathHandler")
struct RawFastPathHandlerTests {
    /// Fast answers by path: a document, a 304, a head without a length (sent chunked, as an X-Accel answer),
    /// an error with its reason phrase, a large body.
    struct Responder: FastPathResponder {
        static let large = String(repeating: "x", count: 20_000)

        func answer(_ request: FastRequest) -> FastAnswer? {
            func answer(_ status: HTTPResponseStatus, _ headers: HTTPHeaders, _ body: String?) -> FastAnswer {
                let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
                let bytes = body.map { FastAnswer.Body.bytes(ByteBuffer(string: $0)) } ?? .none
                return FastAnswer(head: head, body: request.isHead ? .none : bytes, family: .other)
            }
            guard request.query == nil else { return nil }  // a responder that does not read queries
            switch request.path {
            case "/fast": return answer(.ok, ["Content-Type": "application/json", "Content-Length": "2"], "{}")
            case "/not-modified": return answer(.notModified, ["ETag": "\"e\"", "Content-Length": "2", "Cache-Control": "max-age=1"], nil)
            case "/accel": return answer(.ok, ["Content-Type": "application/octet-stream", "X-Accel-Redirect": "/_blobs/a"], nil)
            case "/chunked-body": return answer(.ok, ["Content-Type": "text/plain"], "abc")
            case "/missing":
                return answer(.custom(code: 404, reasonPhrase: "Package 'x' was not found."), ["Content-Type": "text/plain", "Content-Length": "4"], "gone")
            case "/large": return answer(.ok, ["Content-Length": String(Self.large.utf8.count)], Self.large)
            default: return nil
            }
        }
    }

    static func channel() throws -> (EmbeddedChannel, FastPathHandlerTests.Router) {
        let channel = EmbeddedChannel()
        let router = FastPathHandlerTests.Router()
        let fastPath = FastPath(responder: Responder(), limiter: nil, serverName: "Pallet", logger: Logger(label: "test"))
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try channel.pipeline.syncOperations.addHandlers([fastPath.installer(), router])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return (channel, router)
    }

    /// Answers written by the raw handler itself.
    static func rawAnswers(_ channel: EmbeddedChannel) throws -> Int {
        try channel.pipeline.syncOperations.handler(type: RawFastPathHandler.self).answered
    }

    /// Request ids and dates differ per answer by design.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"X-Request-Id: [0-9a-f]+\r\n"#, with: "X-Request-Id: ID\r\n", options: .regularExpression)
            .replacingOccurrences(of: #"Date: [^\r]+\r\n"#, with: "Date: DATE\r\n", options: .regularExpression)
    }

    @Test("fast requests never reach NIO's decoder: a HEAD answered in front leaves no record, so the router's next answer keeps its body")
    func headThenRouted() throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: "HEAD /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(try Self.rawAnswers(channel) == 1)
        #expect(router.heads == ["/slow"])
        router.answer("slow body")
        let text = try FastPathHandlerTests.written(channel)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"))
        #expect(text.hasSuffix("\r\n\r\nslow body"), "the router's answer to the GET has its body: \(text)")
        #expect(!text.contains("{}"), "the HEAD's answer has none")
        _ = try channel.finish()
    }

    @Test("a HEAD the router answers is recorded by NIO as before: its answer loses the body, the fast GET behind it keeps its own")
    func routedHeadThenFast() throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: "HEAD /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(router.heads == ["/slow", "/fast"], "the GET waits its turn behind the router's answer")
        router.answer("slow body")
        router.answer("{}")
        let text = try FastPathHandlerTests.written(channel)
        #expect(!text.contains("slow body"), "no body for the HEAD: \(text)")
        #expect(text.hasSuffix("\r\n\r\n{}"))
        // Nothing outstanding: the next fast request is answered in front again.
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(try Self.rawAnswers(channel) == 1)
        #expect(try FastPathHandlerTests.written(channel).hasSuffix("Server: Pallet\r\n\r\n{}"))
        _ = try channel.finish()
    }

    @Test("pipelined fast, routed, fast: the first is answered at once, the last only after the router's answer")
    func pipelinedOrder() throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(try Self.rawAnswers(channel) == 1)
        #expect(router.heads == ["/slow", "/fast"])
        #expect(try FastPathHandlerTests.written(channel).hasSuffix("\r\n\r\n{}"))
        router.answer("slow")
        router.answer("{}")
        let rest = try FastPathHandlerTests.written(channel)
        let slow = try #require(rest.range(of: "slow"))
        let fast = try #require(rest.range(of: "{}"))
        #expect(slow.upperBound <= fast.lowerBound)
        _ = try channel.finish()
    }

    /// Counts the read loops that reach the handlers behind the codec.
    final class ReadCompletions: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPRequestPart
        var count = 0

        func channelReadComplete(context: ChannelHandlerContext) {
            count += 1
            context.fireChannelReadComplete()
        }
    }

    @Test("a read loop answered entirely in front ends there; one that passed a request on reaches the handlers behind")
    func readCompletions() throws {
        let (channel, router) = try Self.channel()
        let completions = ReadCompletions()
        try channel.pipeline.syncOperations.addHandler(completions, position: .before(router))
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(completions.count == 0)
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(completions.count == 1)
        #expect(router.heads == ["/slow"])
        _ = try FastPathHandlerTests.written(channel)
        _ = try channel.finish()
    }

    @Test("a head split across reads is answered once it is whole", arguments: [[7, 20], [1, 1, 1, 30], [31]])
    func split(cuts: [Int]) throws {
        let (channel, router) = try Self.channel()
        let request = Array("GET /fast HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n".utf8)
        var offset = 0
        for cut in cuts + [request.count] where offset < request.count {
            let end = min(request.count, offset + cut)
            try channel.writeInbound(ByteBuffer(bytes: request[offset..<end]))
            #expect(try Self.rawAnswers(channel) == (end == request.count ? 1 : 0))
            offset = end
        }
        #expect(router.heads.isEmpty)
        #expect(try FastPathHandlerTests.written(channel).hasSuffix("\r\n\r\n{}"))
        _ = try channel.finish()
    }

    /// Feeds `bytes` in pieces ending at `cuts`, then lets the router answer what it got, in order; everything written.
    static func exchange(_ bytes: [UInt8], cuts: [Int]) throws -> (text: String, raw: Int, routed: [String]) {
        let (channel, router) = try Self.channel()
        var start = 0
        for end in cuts.sorted() + [bytes.count] where end > start {
            try channel.writeInbound(ByteBuffer(bytes: bytes[start..<end]))
            start = end
        }
        for path in router.heads { router.answer(path == "/fast" ? "{}" : "answer of \(path)") }
        let text = Self.normalized(try FastPathHandlerTests.written(channel))
        let raw = try Self.rawAnswers(channel)
        _ = try channel.finish()
        return (text, raw, router.heads)
    }

    @Test("a pipelined mix cut into pieces anywhere is answered exactly as when it arrives whole", arguments: [1, 2, 3, 5, 7, 11, 13, 64])
    func cutAnywhere(step: Int) throws {
        let mix = "HEAD /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
            + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\nGET /not-modified HTTP/1.1\r\n\r\nHEAD /slow HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow?x HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
        let bytes = Array(mix.utf8)
        let whole = try Self.exchange(bytes, cuts: [])
        #expect(whole.raw == 4 && whole.routed == ["/slow", "/fast", "/slow?x", "/fast"])
        let cut = try Self.exchange(bytes, cuts: Array(stride(from: step, to: bytes.count, by: step)))
        #expect(cut.text == whole.text)
        #expect(cut.raw == whole.raw && cut.routed == whole.routed)
    }

    @Test("a request with a body hands the connection to NIO for good; fast requests after it are answered behind the decoder")
    func bodyHandsOver() throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: "POST /push HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel"))
        try channel.writeInbound(ByteBuffer(string: "lo"))
        #expect(router.heads == ["/push"])
        router.answer("pushed")
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(try Self.rawAnswers(channel) == 0)
        #expect(router.heads == ["/push"], "answered by FastPathHandler")
        #expect(try FastPathHandlerTests.written(channel).hasSuffix("\r\n\r\n{}"))
        _ = try channel.finish()
    }

    @Test("requests the raw reader does not take go to NIO's decoder as they came", arguments: [
        "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /fast HTTP/1.0\r\nHost: x\r\n\r\n",
        "GET /fast?x HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /fast HTTP/1.1\r\nHost: x\r\nX-Request-Id: caf\u{e9}\r\n\r\n",
        "GET /fast HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip \r\n\r\n",
        "GET /fast HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
        "OPTIONS /fast HTTP/1.1\r\nHost: x\r\n\r\n",
    ])
    func passedOn(request: String) throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: request))
        #expect(try Self.rawAnswers(channel) == 0, "\(request)")
        _ = router
        _ = try? channel.finish()
    }

    @Test("the raw answer of every kind of head is byte for byte the one NIO's encoder writes", arguments: [
        ("GET", "/fast"), ("HEAD", "/fast"), ("GET", "/not-modified"), ("HEAD", "/not-modified"), ("GET", "/accel"), ("HEAD", "/accel"),
        ("GET", "/chunked-body"), ("GET", "/missing"), ("HEAD", "/missing"), ("GET", "/large"),
    ])
    func sameBytesAsTheEncoder(method: String, path: String) throws {
        let request = "\(method) \(path) HTTP/1.1\r\nHost: x\r\nX-Request-Id: the-id\r\n\r\n"
        let (raw, _) = try Self.channel()
        try raw.writeInbound(ByteBuffer(string: request))
        #expect(try Self.rawAnswers(raw) == 1)
        let rawText = try FastPathHandlerTests.written(raw)
        _ = try raw.finish()
        // The same request behind the decoder: after a request with a body, NIO reads the connection.
        let (decoded, router) = try Self.channel()
        try decoded.writeInbound(ByteBuffer(string: "PUT /x HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"))
        router.answer("")
        _ = try FastPathHandlerTests.written(decoded)
        try decoded.writeInbound(ByteBuffer(string: request))
        #expect(try Self.rawAnswers(decoded) == 0 && router.heads == ["/x"])
        let decodedText = try FastPathHandlerTests.written(decoded)
        _ = try decoded.finish()
        #expect(Self.normalized(rawText) == Self.normalized(decodedText))
        #expect(rawText.contains("X-Request-Id: the-id\r\n"))
    }
}
