import HTTPPlumbing
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// `EarlyAnswerHandler` on an `EmbeddedChannel`: what happens to a connection whose answer starts
/// before its request body ended, with no server, no sockets and no clock (the drain timeout is
/// reached by advancing the embedded event loop's time).
@Suite("EarlyAnswerHandler")
struct EarlyAnswerHandlerTests {
    static let drainLimit = 64 * 1024

    /// A connected channel with the handler, and the meter it reports to.
    static func channel() throws -> (EmbeddedChannel, RequestBodyMeter) {
        let meter = RequestBodyMeter()
        let channel = EmbeddedChannel(handler: EarlyAnswerHandler(drainLimit: drainLimit, drainTimeout: .seconds(5), meter: meter))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return (channel, meter)
    }

    static func push() -> HTTPRequestPart {
        .head(HTTPRequest(method: .put, scheme: "http", authority: "pallet.test", path: "/api/v2/package/"))
    }

    static func body(_ count: Int) -> HTTPRequestPart {
        .body(ByteBuffer(repeating: 0x5A, count: count))
    }

    /// Writes the answer (head and end) and returns the head as it left the handler.
    static func answer(_ channel: EmbeddedChannel, _ status: HTTPResponse.Status) throws -> HTTPResponse {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: status)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head")
            return HTTPResponse(status: .internalServerError)
        }
        return head
    }

    /// Request parts the handler passed on to the application.
    static func forwarded(_ channel: EmbeddedChannel) throws -> [HTTPRequestPart] {
        var parts: [HTTPRequestPart] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) { parts.append(part) }
        return parts
    }

    @Test("an answer before the body ended says Connection: close, drains at most the limit, then closes")
    func drainLimitCloses() throws {
        let (channel, meter) = try Self.channel()
        try channel.writeInbound(Self.push())
        try channel.writeInbound(Self.body(1000))
        let head = try Self.answer(channel, .unauthorized)
        #expect(head.headerFields[.connection] == "close")
        #expect(meter.answers == [.init(status: 401, bodyBytesRead: 1000, requestEnded: false)])
        _ = try Self.forwarded(channel)
        var sent = 0
        while channel.isActive && sent < 10 * Self.drainLimit {
            try channel.writeInbound(Self.body(4096))
            sent += 4096
        }
        #expect(!channel.isActive, "the connection is still open after \(sent) drained bytes")
        #expect(sent <= Self.drainLimit + 4096)
        #expect(meter.earlyCloses.map(\.reason) == [.drainLimit])
        // What arrived after the answer never reached the application.
        #expect(try Self.forwarded(channel).isEmpty)
    }

    @Test("a body that ends within the drain limit closes the connection at its end")
    func bodyEndCloses() throws {
        let (channel, meter) = try Self.channel()
        try channel.writeInbound(Self.push())
        _ = try Self.answer(channel, .contentTooLarge)
        try channel.writeInbound(Self.body(10_000))
        #expect(channel.isActive)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(!channel.isActive)
        #expect(meter.earlyCloses == [.init(reason: .bodyEnded, bodyBytesRead: 10_000)])
    }

    @Test("a client that stops sending is closed when the drain time is up")
    func drainTimeoutCloses() throws {
        let (channel, meter) = try Self.channel()
        try channel.writeInbound(Self.push())
        _ = try Self.answer(channel, .badRequest)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
        #expect(meter.earlyCloses.map(\.reason) == [.drainTimeout])
    }

    @Test("an answer after the whole request keeps the connection and passes every part on")
    func answerAfterBody() throws {
        let (channel, meter) = try Self.channel()
        try channel.writeInbound(Self.push())
        try channel.writeInbound(Self.body(5000))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try Self.forwarded(channel).count == 3)
        let head = try Self.answer(channel, .created)
        #expect(head.headerFields[.connection] == nil)
        #expect(channel.isActive)
        #expect(meter.answers == [.init(status: 201, bodyBytesRead: 5000, requestEnded: true)])
        #expect(meter.earlyCloses.isEmpty)
        // The next request on the connection is read as usual.
        try channel.writeInbound(Self.push())
        #expect(try Self.forwarded(channel).count == 1)
        _ = try channel.finish()
    }
}
