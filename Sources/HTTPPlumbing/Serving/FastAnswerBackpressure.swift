import NIOCore

/// Reading paused while fast answers fill the socket's send buffer: a client that sends requests without
/// reading the answers must not make the server queue answers without bound. Both fast-path handlers (in
/// front of NIO's codec and behind it) answer on their own, so each keeps one of these.
struct FastAnswerBackpressure {
    /// A `read` was held back because the channel was not writable.
    private var readPending = false
    /// This handler wrote an answer since the channel was last writable.
    private var answeredSinceWritable = false

    /// Call after writing an answer.
    mutating func answered() {
        answeredSinceWritable = true
    }

    /// The handler's `read(context:)`: passes the read on unless this handler's answers filled the socket.
    mutating func read(context: ChannelHandlerContext) {
        if answeredSinceWritable, !context.channel.isWritable {
            readPending = true
            return
        }
        context.read()
    }

    /// The handler's `channelWritabilityChanged(context:)`: resumes a held read once the socket drains.
    mutating func writabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            answeredSinceWritable = false
            if readPending {
                readPending = false
                context.read()
            }
        }
        context.fireChannelWritabilityChanged()
    }
}
