import HTTPTypes
import Hummingbird
public import NIOCore
public import NIOHTTPTypes

/// Admits each request against the node's `RequestLimiter` as its head is read off the connection (on the
/// event loop), and answers 503 with `Retry-After` right there when `maxInFlight + maxQueued` requests are
/// already between their head and the end of their answer.
///
/// `RequestLimitMiddleware` counts only requests whose handler has started. On an endpoint whose work does
/// not suspend (search ranking, rendering a page), more connections than the node can serve never fill
/// its slots: the excess waits as tasks not yet run and heads read but not handled, so every answer got
/// slower and nothing was refused (bench/overload). Counting from the head closes that gap: the excess is
/// refused at once, before a task or a handler costs anything, and accepted requests wait behind at most
/// `maxAdmitted` others. A refused request's body (a push) is dropped here; `EarlyAnswerHandler`, outside
/// this one, then closes the connection as for any early answer. Health probes are never refused.
///
/// Installed in every HTTP/1 connection's pipeline after the HTTPTypes codec (innermost of Pallet's
/// handlers). Answers on one connection go out in order, so while a connection has an admitted request
/// unanswered (HTTP/1 pipelining) its next requests are passed on uncounted rather than refused out of turn.
public final class RequestAdmissionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    let limiter: RequestLimiter
    let retryAfterSeconds: Int
    /// The requests passed on whose answers have not ended, oldest first: whether each was counted.
    private var unanswered: [Bool] = []
    private var unansweredHead = 0
    /// Dropping the parts of a refused request until its end.
    private var refusing = false

    /// One handler per connection, over the application's one limiter.
    public init(limiter: RequestLimiter, retryAfterSeconds: Int = 1) {
        self.limiter = limiter
        self.retryAfterSeconds = retryAfterSeconds
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if head.path?.hasPrefix("/health/") == true {
                pass(counted: false)
            } else if limiter.tryAdmit() {
                pass(counted: true)
            } else if unansweredCount > 0 {
                pass(counted: false)  // an earlier answer of this connection is still due: not out of turn
            } else {
                refusing = true
                refuse(context: context, head: head)
                return
            }
        case .body, .end:
            break
        }
        if refusing {
            if case .end = unwrapInboundIn(data) { refusing = false }
            return
        }
        context.fireChannelRead(data)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), unansweredCount > 0 {
            let counted = unanswered[unansweredHead]
            unansweredHead += 1
            if unansweredHead == unanswered.count {
                unanswered.removeAll(keepingCapacity: true)
                unansweredHead = 0
            }
            if counted { limiter.dismiss() }
        }
        context.write(data, promise: promise)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        releaseAll()
        context.fireChannelInactive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        releaseAll()
    }

    private var unansweredCount: Int { unanswered.count - unansweredHead }

    private func pass(counted: Bool) {
        unanswered.append(counted)
    }

    private func releaseAll() {
        for counted in unanswered[unansweredHead...] where counted { limiter.dismiss() }
        unanswered.removeAll()
        unansweredHead = 0
    }

    /// The answer `RequestLimitMiddleware` gives, with a request id as `RequestIDMiddleware` would add it
    /// (the caller's when sane, else a new one): no middleware runs for a request refused here.
    private func refuse(context: ChannelHandlerContext, head: HTTPRequest) {
        ServingMetrics.shared.countRejected()
        let id = head.headerFields[.requestID].flatMap { RequestIDMiddleware<BasicRequestContext>.isSane($0) ? $0 : nil }
            ?? RequestID().description
        let message = RequestIDMiddleware<BasicRequestContext>.message(
            "The server is busy (\(limiter.maxInFlight) requests in progress, \(limiter.maxQueued) waiting); retry in \(retryAfterSeconds) s.",
            withID: id)
        let text = message + "\n"
        var fields = HTTPFields()
        fields[.requestID] = id
        fields[.retryAfter] = String(retryAfterSeconds)
        fields[.contentType] = "text/plain; charset=utf-8"
        fields[.contentLength] = String(text.utf8.count)
        // Moved into the status line by ReasonPhraseWriter, as for every error answer.
        fields[HTTPField.Name(ReasonPhraseWriter.header)!] = message
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .serviceUnavailable, headerFields: fields))), promise: nil)
        if head.method != .head {
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: text))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
