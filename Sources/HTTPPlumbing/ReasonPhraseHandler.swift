public import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Puts Pallet's one-line error message into the HTTP/1.1 status line.
///
/// `dotnet nuget push` and nuget.exe print the reason phrase, but SwiftNIO maps every known status
/// code to its standard phrase when converting from HTTPTypes, so a custom phrase set on
/// `HTTPResponse.Status` never reaches the wire (measured: `409 Conflict`). Error responses carry
/// the message in the internal `X-Pallet-Reason` header; this handler, installed between NIO's
/// HTTP/1 encoder and the HTTPTypes codec, moves it into the status line and drops the header.
public final class ReasonPhraseInstaller: ChannelInboundHandler, RemovableChannelHandler {
    /// Unused: the installer forwards every event untouched (NIO requires a direction).
    public typealias InboundIn = NIOAny
    /// Creates the installer (one per connection).
    public init() {}

    public func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(ReasonPhraseWriter(), position: .before(codec))
    }
}

/// Rewrites response heads that carry `X-Pallet-Reason` (see `ReasonPhraseInstaller`).
final class ReasonPhraseWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The internal header that carries the phrase from the error to this handler.
    static let header = "X-Pallet-Reason"

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part, Self.rewrite(&head) {
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }

    /// Moves the phrase into the status line; false when the head carries none. (The fast path applies it to
    /// the heads it makes once, so its 404s read like the ordinary path's.)
    static func rewrite(_ head: inout HTTPResponseHead) -> Bool {
        guard let reason = head.headers.first(name: Self.header) else { return false }
        head.headers.remove(name: Self.header)
        head.status = .custom(code: head.status.code, reasonPhrase: reason)
        return true
    }
}
