import Foundation
import HTTPPlumbing
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// `RequestAdmissionHandler` on `EmbeddedChannel`s sharing one `RequestLimiter`: requests count from their
/// head until their answer's end, and beyond `maxInFlight + maxQueued` the next head is answered 503 on the
/// connection, without reaching the application. No server, no sockets, no clock.
@Suite("RequestAdmissionHandler")
struct RequestAdmissionHandlerTests {
    static func connection(_ limiter: RequestLimiter) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: RequestAdmissionHandler(limiter: limiter))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    static func get(_ channel: EmbeddedChannel, _ path: String = "/v3/query?q=json") throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: "http", authority: "pallet.test", path: path)))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// Request heads the handler passed on to the application.
    static func forwardedPaths(_ channel: EmbeddedChannel) throws -> [String] {
        var paths: [String] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) {
            if case .head(let head) = part { paths.append(head.path ?? "") }
        }
        return paths
    }

    /// The application answers the oldest request of the connection.
    static func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
    }

    /// What the handler itself wrote: the head and the body text.
    static func refusal(_ channel: EmbeddedChannel) throws -> (HTTPResponse?, String) {
        var head: HTTPResponse?
        var text = ""
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            switch part {
            case .head(let h): head = h
            case .body(let buffer): text += String(buffer: buffer)
            case .end: break
            }
        }
        return (head, text)
    }

    @Test("beyond maxInFlight + maxQueued requests between head and answer, the next head gets 503 with Retry-After")
    func refusesBeyondTheLimit() throws {
        let limiter = RequestLimiter(maxInFlight: 2, maxQueued: 1)
        let connections = try (0..<4).map { _ in try Self.connection(limiter) }
        for channel in connections.prefix(3) { try Self.get(channel) }
        #expect(limiter.admitted == 3)
        for channel in connections.prefix(3) { #expect(try Self.forwardedPaths(channel) == ["/v3/query?q=json"]) }

        try Self.get(connections[3])
        #expect(try Self.forwardedPaths(connections[3]).isEmpty, "the application never sees a refused request")
        let (head, text) = try Self.refusal(connections[3])
        #expect(head?.status.code == 503)
        #expect(head?.headerFields[.retryAfter] == "1")
        let id = try #require(head?.headerFields[.requestID])
        #expect(text == "The server is busy (2 requests in progress, 1 waiting); retry in 1 s (request id \(id)).\n")
        #expect(head?.headerFields[HTTPField.Name("X-Pallet-Reason")!] == text.trimmingCharacters(in: .newlines), "the status line's phrase")
        #expect(limiter.admitted == 3, "a refusal takes nothing")
        // Health probes pass however busy the node is, and are not counted.
        try Self.get(connections[3], "/health/live")
        #expect(try Self.forwardedPaths(connections[3]) == ["/health/live"])
        try Self.answer(connections[3])
        #expect(limiter.admitted == 3)

        // An answer's end gives its place back: the same connection's next request is admitted.
        try Self.answer(connections[0])
        #expect(limiter.admitted == 2)
        try Self.get(connections[3])
        #expect(try Self.forwardedPaths(connections[3]) == ["/v3/query?q=json"])
        #expect(limiter.admitted == 3)
    }

    @Test("a refused request's body is dropped, and the connection's next request is handled normally")
    func refusedBodyDropped() throws {
        let limiter = RequestLimiter(maxInFlight: 1, maxQueued: 0)
        let busy = try Self.connection(limiter)
        try Self.get(busy)
        let pusher = try Self.connection(limiter)
        try pusher.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .put, scheme: "http", authority: "pallet.test", path: "/api/v2/package")))
        try pusher.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0x5A, count: 4096)))
        try pusher.writeInbound(HTTPRequestPart.end(nil))
        #expect(try Self.forwardedPaths(pusher).isEmpty)
        #expect(try Self.refusal(pusher).0?.status.code == 503)
        try Self.answer(busy)
        try Self.get(pusher)
        #expect(try Self.forwardedPaths(pusher) == ["/v3/query?q=json"])
    }

    @Test("a connection that closes with requests unanswered gives their places back")
    func closeReleases() throws {
        let limiter = RequestLimiter(maxInFlight: 1, maxQueued: 1)
        let channel = try Self.connection(limiter)
        try Self.get(channel)
        try Self.get(channel)  // pipelined: the second head arrives before the first answer
        #expect(limiter.admitted == 2)
        // A third pipelined request on the same connection is passed on (uncounted), never refused out of turn.
        let other = try Self.connection(limiter)
        try Self.get(other)
        #expect(try Self.refusal(other).0?.status.code == 503)
        try Self.get(channel)
        #expect(try Self.forwardedPaths(channel).count == 3)
        #expect(limiter.admitted == 2)
        _ = try channel.finish()
        #expect(limiter.admitted == 0)
    }
}
