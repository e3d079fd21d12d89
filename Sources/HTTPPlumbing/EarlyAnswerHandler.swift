import HTTPTypes
public import NIOCore
public import NIOHTTPTypes

/// Ends a connection cleanly when its answer comes before its request body has been read: a push
/// refused with 401 from its headers, a 413 at the size limit, a 400 on a broken multipart body.
///
/// Left alone, Hummingbird's HTTP/1 loop either reads the whole rest of the body to reach the next
/// request (200 MB for a refused 200 MB push) or, when the request said `Connection: close`, stops
/// reading and waits for the client to close. A client that reads only after it has sent everything
/// (curl, nuget.exe) then blocks on a full TCP window and never sees the answer: both wait for
/// each other until a timeout (issue 10). So this handler, on an answer that starts while the body
/// is still arriving, adds `Connection: close`, and once the answer is sent reads and drops at most
/// `drainLimit` bytes for at most `drainTimeout` (a client that stops sending promptly gets a clean
/// close), then closes the connection (a larger upload is cut off: the client sees the answer, or a
/// reset). Installed in every HTTP/1 connection's pipeline, after the HTTPTypes codec.
public final class EarlyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    let drainLimit: Int
    let drainTimeout: TimeAmount
    let meter: RequestBodyMeter?

    /// A head was read and its end not yet.
    private var requestInProgress = false
    /// Body bytes of the current request read off the connection.
    private var bodyBytes = 0
    /// The current answer started before its request ended.
    private var answeredEarly = false
    private var drainedBytes = 0
    private var drainDeadline: Scheduled<Void>?
    private var isDraining: Bool { drainDeadline != nil }

    /// One handler per connection; `meter` records what it sees (tests).
    public init(drainLimit: Int = 1 << 20, drainTimeout: TimeAmount = .seconds(5), meter: RequestBodyMeter? = nil) {
        self.drainLimit = drainLimit
        self.drainTimeout = drainTimeout
        self.meter = meter
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head:
            requestInProgress = true
            bodyBytes = 0
            answeredEarly = false
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if isDraining { drainedBytes += buffer.readableBytes }
        case .end:
            requestInProgress = false
        }
        guard isDraining else {
            context.fireChannelRead(data)
            return
        }
        // The handler has answered; what still arrives of its body is dropped.
        if !requestInProgress {
            close(context, .bodyEnded)
        } else if drainedBytes > drainLimit {
            close(context, .drainLimit)
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        // The application stopped consuming, so its backpressure holds reads back: read on our own.
        if isDraining { context.read() }
    }

    public func channelInactive(context: ChannelHandlerContext) {
        if isDraining {
            drainDeadline?.cancel()
            drainDeadline = nil
            meter?.record(.init(reason: .clientClosed, bodyBytesRead: bodyBytes))
        }
        context.fireChannelInactive()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.kind != .informational:
            meter?.record(.init(status: head.status.code, bodyBytesRead: bodyBytes, requestEnded: !requestInProgress))
            guard requestInProgress else { break }
            answeredEarly = true
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        case .end where answeredEarly && requestInProgress:
            context.writeAndFlush(data, promise: promise)
            startDraining(context)
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    private func startDraining(_ context: ChannelHandlerContext) {
        guard !isDraining else { return }
        drainedBytes = 0
        drainDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: drainTimeout) {
            self.close(context, .drainTimeout)
        }
        context.read()
    }

    private func close(_ context: ChannelHandlerContext, _ reason: RequestBodyMeter.CloseReason) {
        guard isDraining else { return }
        drainDeadline?.cancel()
        drainDeadline = nil
        meter?.record(.init(reason: reason, bodyBytesRead: bodyBytes))
        context.close(promise: nil)
    }
}
