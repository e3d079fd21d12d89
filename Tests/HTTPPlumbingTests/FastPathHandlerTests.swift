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

/// `FastPathHandler` on an `EmbeddedChannel` with NIO's HTTP/1 server pipeline, as Hummingbird builds it: what it
/// answers itself, what it passes on, and that it never answers out of order or past the request limit.
@Suite("FastPathHandler")
struct FastPathHandlerTests {
    /// Answers `/fast` with a fixed document; everything else is the router's.
    struct Responder: FastPathResponder {
        func answer(_ request: FastRequest) -> FastAnswer? {
            guard request.path == "/fast", request.query == nil else { return nil }
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Type": "application/json", "Content-Length": "2"])
            return FastAnswer(head: head, body: request.isHead ? .none : .bytes(ByteBuffer(string: "{}")), family: .other)
        }
    }

    /// Stands in for Hummingbird: records the requests it is given, answers when told.
    final class Router: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPRequestPart
        typealias OutboundOut = HTTPResponsePart
        var heads: [String] = []
        var context: ChannelHandlerContext?

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head(let head) = unwrapInboundIn(data) { heads.append(head.path ?? "") }
        }

        func answer(_ text: String) {
            guard let context else { return }
            let head = HTTPResponse(status: .ok, headerFields: [.contentLength: String(text.utf8.count)])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(ByteBuffer(string: text))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    static func channel(limiter: RequestLimiter? = nil) throws -> (EmbeddedChannel, Router) {
        let channel = EmbeddedChannel()
        let router = Router()
        let fastPath = FastPath(responder: Responder(), limiter: limiter, serverName: "Pallet", logger: Logger(label: "test"))
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try channel.pipeline.syncOperations.addHandlers([fastPath.installer(), router])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return (channel, router)
    }

    /// Everything written to the socket so far, as text.
    static func written(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let part = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = part { text += String(buffer: buffer) }
        }
        return text
    }

    @Test("a fast request is answered on the channel with request id, Date and Server; HEAD without the body")
    func answers() throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-1\r\n\r\nHEAD /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        let text = try Self.written(channel)
        #expect(router.heads.isEmpty)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nX-Request-Id: abc-1\r\nDate: "))
        #expect(text.contains(" GMT\r\nServer: Pallet\r\n\r\n{}HTTP/1.1 200 OK\r\n"), "the GET's body, then the HEAD's head")
        #expect(text.hasSuffix("Server: Pallet\r\n\r\n"), "the HEAD has no body")
        #expect(text.components(separatedBy: "X-Request-Id: ").count == 3)
        _ = try channel.finish()
    }

    @Test("anything else goes to the router unchanged, and a fast request behind an unanswered one waits its turn there")
    func ordering() throws {
        let (channel, router) = try Self.channel()
        // Pipelined: the router's request first, then one the fast path could answer.
        try channel.writeInbound(ByteBuffer(string: "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(router.heads == ["/slow", "/fast"], "both went to the router: answers never overtake")
        #expect(try Self.written(channel).isEmpty)
        router.answer("slow")
        router.answer("{}")
        #expect(try Self.written(channel).contains("slow"))
        // Nothing outstanding any more: the next one is the fast path's again.
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(router.heads.count == 2)
        #expect(try Self.written(channel).hasSuffix("\r\n\r\n{}"))
        _ = try channel.finish()
    }

    @Test("with every slot of the request limit taken, fast requests go to the router (which queues or refuses them)")
    func limit() async throws {
        let limiter = RequestLimiter(maxInFlight: 1, maxQueued: 0)
        #expect(await limiter.acquire())
        let (channel, router) = try Self.channel(limiter: limiter)
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(router.heads == ["/fast"])
        router.answer("{}")
        _ = try Self.written(channel)
        limiter.release()
        try channel.writeInbound(ByteBuffer(string: "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(router.heads.count == 1, "a free slot: the fast path answers")
        #expect(limiter.inFlight == 0, "and gives the slot back")
        _ = try channel.finish()
    }

    @Test("only plain paths and plain keep-alive requests are considered", arguments: [
        ("GET /fast?x=1 HTTP/1.1\r\nHost: x\r\n\r\n", false),
        ("GET /fast/ HTTP/1.1\r\nHost: x\r\n\r\n", false),
        ("GET /./fast HTTP/1.1\r\nHost: x\r\n\r\n", false),
        ("GET /%66ast HTTP/1.1\r\nHost: x\r\n\r\n", false),
        ("GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false),
        ("GET /fast HTTP/1.0\r\nHost: x\r\n\r\n", false),
        ("POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", false),
        ("GET /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n", true),
    ])
    func eligibility(request: String, fast: Bool) throws {
        let (channel, router) = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: request))
        #expect(router.heads.isEmpty == fast, "\(request)")
        _ = try? channel.finish()
    }

    @Test("Date is RFC 9110's IMF-fixdate, as Hummingbird writes it", arguments: [0, 784_111_777, 951_782_400, 1_796_601_599, 2_000_000_000])
    func date(seconds: Int) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(HTTPDate.format(seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    @Test("generated request ids: one prefix per process, then 16 hex digits that count up")
    func requestIDs() throws {
        let first = FastRequestID.next()
        let second = FastRequestID.next()
        #expect(first.count > 16 && first.dropLast(16) == second.dropLast(16))
        let hexDigits = second.suffix(16).allSatisfy { $0.isHexDigit }
        #expect(hexDigits)
        let before = try #require(UInt64(first.suffix(16), radix: 16))
        let after = try #require(UInt64(second.suffix(16), radix: 16))
        #expect(after &- before >= 1)
    }
}
