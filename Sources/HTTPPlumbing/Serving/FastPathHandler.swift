import Dispatch
import HTTPTypes
import NIOCore
import NIOHTTP1

/// One connection's fast path behind NIO's HTTP/1 decoder (see `FastPath`): it answers the fast requests that
/// reach the decoder (the raw reader in front leaves them there while an answer of the router is due, or for
/// good once a connection sent something only NIO's decoder should read) through NIO's encoder, and passes the
/// rest on to the router. It also tells the raw reader in front whether an answer of the router is still due.
final class FastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A request taken by the fast path, answered when its end arrives.
    private struct Pending {
        var taken: FastPath.Taken
        var method: HTTPMethod
        var uri: String
    }

    private let fastPath: FastPath
    /// The responder's memo for this connection's event loop.
    private let memo: FastPathLoopMemo
    /// Requests passed to the router whose answers have not ended yet: while any is, every request goes there.
    private var forwarded = 0
    private var pending: Pending?
    private var needsFlush = false
    private var backpressure = FastAnswerBackpressure()
    private var counter = AnswerCounter()

    init(_ fastPath: FastPath, memo: FastPathLoopMemo) {
        self.memo = memo
        self.fastPath = fastPath
    }

    /// No request that reached NIO's decoder is still unanswered: an answer written in front of the encoder now
    /// comes after every earlier one.
    var isIdle: Bool { forwarded == 0 && pending == nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if forwarded == 0, pending == nil, let request = FastRequest(head), let taken = fastPath.take(request, memo: memo) {
                pending = Pending(taken: taken, method: head.method, uri: head.uri)
                return
            }
            forwarded += 1
        case .body:
            if pending != nil { return }
        case .end:
            if let answering = pending {
                pending = nil
                send(answering, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let answering = pending {
            pending = nil
            if case .file(let handle, _) = answering.taken.answer.body { try? handle.close() }
            fastPath.limiter?.release()
        }
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), forwarded > 0 { forwarded -= 1 }
        context.write(data, promise: promise)
    }

    func read(context: ChannelHandlerContext) {
        backpressure.read(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        backpressure.writabilityChanged(context: context)
    }

    private func send(_ pending: Pending, context: ChannelHandlerContext) {
        let taken = pending.taken
        let requestID = taken.requestID ?? FastRequestID.next()
        var head = taken.answer.head
        head.headers.add(name: HTTPField.Name.requestID.rawName, value: requestID)
        head.headers.add(name: HTTPField.Name.date.rawName, value: HTTPDate.now())
        if let server = fastPath.serverName { head.headers.add(name: HTTPField.Name.server.rawName, value: server) }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        switch taken.answer.body {
        case .none:
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        case .bytes(let buffer):
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        case .file(let handle, let size):
            if size > 0 {
                context.write(wrapOutboundOut(.body(.fileRegion(FileRegion(fileHandle: handle, readerIndex: 0, endIndex: size)))), promise: nil)
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { _ in try? handle.close() }
            context.write(wrapOutboundOut(.end(nil)), promise: written)
        }
        needsFlush = true
        backpressure.answered()
        fastPath.finish(taken, counter: &counter, requestID: requestID, method: "\(pending.method)", target: pending.uri)
    }
}
