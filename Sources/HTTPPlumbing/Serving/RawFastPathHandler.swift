import NIOCore

/// The front of a connection's fast path (see `FastPath`): in front of NIO's HTTP/1 codec, it reads request
/// heads off the raw bytes (`RawRequestHead`) and writes fast answers as bytes, head and small body in one
/// buffer, so a fast request costs one read and one write and no decoding or encoding by NIO.
///
/// NIO's decoder and encoder keep records per request (the encoder a queue of request methods, so the answer
/// to a HEAD goes without a body): a request answered here never reaches them, so it leaves no record to keep
/// in step. Every other request's bytes go on to the decoder as they came, one whole request at a time (the
/// reader delimits only requests without a body), so the decoder never holds half of a request the reader
/// wants next. Answers stay in order: a fast request is answered here only while no request passed on is still
/// unanswered (`FastPathHandler.isIdle`); otherwise it is passed on too, and waits its turn behind the decoder.
/// The first bytes the reader leaves to NIO (a request with a body, anything unusual: `RawRequestHead`) hand
/// the whole rest of the connection over to NIO for good.
final class RawFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let fastPath: FastPath
    private let behind: FastPathHandler
    /// The responder's memo for this connection's event loop.
    private let memo: FastPathLoopMemo
    /// Bytes of a head not complete yet.
    private var held: ByteBuffer?
    /// NIO's decoder reads everything from now on.
    private var handedOver = false
    /// Bytes went on to NIO's decoder in this read loop.
    private var passedOn = false
    private var needsFlush = false
    private var backpressure = FastAnswerBackpressure()
    private var counter = AnswerCounter()
    /// The `Date` value of the second last answered in.
    private var date = (second: -1, text: "")
    /// Answers written here (tests).
    private(set) var answered = 0

    /// Bodies up to this size are copied behind the head (one buffer, one write); larger ones are written as
    /// they are kept.
    static let copiedBodyLimit = 16 * 1024

    /// The channel's allocator, read once (asking the channel for it per answer showed in the profile).
    private var allocator = ByteBufferAllocator()

    func handlerAdded(context: ChannelHandlerContext) {
        allocator = context.channel.allocator
    }

    init(_ fastPath: FastPath, behind: FastPathHandler, memo: FastPathLoopMemo) {
        self.memo = memo
        self.fastPath = fastPath
        self.behind = behind
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !handedOver else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        if var earlier = held {
            held = nil
            earlier.writeBuffer(&buffer)
            buffer = earlier
        }
        while buffer.readableBytes > 0 {
            switch buffer.withUnsafeReadableBytes({ RawRequestHead.scan($0) }) {
            case .incomplete:
                held = buffer
                return
            case .unusable:
                handedOver = true
                context.fireChannelRead(wrapInboundOut(buffer))
                return
            case .request(let length, let fast):
                if let fast, behind.isIdle, let taken = fastPath.take(fast, memo: memo, atOnce: true) {
                    buffer.moveReaderIndex(forwardBy: length)
                    send(taken, request: fast, context: context)
                } else {
                    passedOn = true
                    context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: length)!))
                }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        // A read loop answered here entirely passed nothing on: the handlers behind (a dozen: NIO's codec,
        // Hummingbird's, Pallet's) have nothing to complete, so the event stops here (it cost every request a
        // walk through them). Once anything went on, or NIO reads the connection, they get it as before.
        guard passedOn || handedOver else { return }
        passedOn = false
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client will send no more: the decoder judges what it sent last (as it would have without us).
        if event as? ChannelEvent == .inputClosed { handOverHeld(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handOverHeld(context: context)
        context.fireChannelInactive()
    }

    func read(context: ChannelHandlerContext) {
        backpressure.read(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        backpressure.writabilityChanged(context: context)
    }

    private func handOverHeld(context: ChannelHandlerContext) {
        handedOver = true
        if let earlier = held {
            held = nil
            context.fireChannelRead(wrapInboundOut(earlier))
        }
    }

    private func send(_ taken: FastPath.Taken, request: FastRequest, context: ChannelHandlerContext) {
        let prepared = taken.answer.prepared
        let second = HTTPDate.currentSecond()
        if second != date.second { date = (second, HTTPDate.now(second: second)) }
        var body = taken.answer.body
        if request.isHead {  // the encoder sends no body, not even a last chunk, to a HEAD
            if case .file(let handle, _) = body { try? handle.close() }
            body = .none
        }
        var small = 0
        if case .bytes(let bytes) = body, bytes.readableBytes <= Self.copiedBodyLimit { small = bytes.readableBytes }
        var buffer = allocator.buffer(capacity: prepared.wire.before.readableBytes + prepared.wire.after.readableBytes + 160 + small)
        let id = prepared.wire.write(into: &buffer, requestID: taken.requestID, date: date.text, server: fastPath.serverName)
        let loggedID = fastPath.logsAnswers ? buffer.getString(at: id.lowerBound, length: id.count) : nil
        let chunked = prepared.wire.isChunked && !request.isHead
        switch body {
        case .none:
            if chunked { buffer.writeStaticString("0\r\n\r\n") }
            context.write(wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
        case .bytes(var bytes):
            let length = bytes.readableBytes
            if chunked && length > 0 { buffer.writeString(String(length, radix: 16) + "\r\n") }
            if length <= Self.copiedBodyLimit {
                buffer.writeBuffer(&bytes)
            } else {
                context.write(wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
                buffer = bytes
            }
            if chunked { buffer.writeStaticString(length > 0 ? "\r\n0\r\n\r\n" : "0\r\n\r\n") }
            context.write(wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
        case .file(let handle, let size):
            if chunked && size > 0 { buffer.writeString(String(size, radix: 16) + "\r\n") }
            context.write(wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { _ in try? handle.close() }
            if size > 0 {
                context.write(wrapOutboundOut(.fileRegion(FileRegion(fileHandle: handle, readerIndex: 0, endIndex: size))), promise: written)
            } else {
                written.succeed()
            }
            if chunked { context.write(wrapOutboundOut(.byteBuffer(ByteBuffer(string: size > 0 ? "\r\n0\r\n\r\n" : "0\r\n\r\n"))), promise: nil) }
        }
        needsFlush = true
        backpressure.answered()
        answered += 1
        fastPath.finish(taken, counter: &counter, requestID: loggedID ?? "", method: request.isHead ? "HEAD" : "GET", target: String(request.path))
    }
}
