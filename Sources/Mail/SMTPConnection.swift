import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP session: a channel and the replies it receives, used by one task at a time.
struct SMTPConnection: ~Copyable {
    let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    let sslContext: NIOSSLContext?
    let serverName: String?

    /// Connects, with TLS from the first byte when `implicitTLS`.
    static func connect(
        host: String, port: Int, implicitTLS: Bool, sslContext: NIOSSLContext?
    ) async throws -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        // SNI carries names only; for an IP address NIOSSL checks the certificate against the address itself.
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation: continuation))
                }
            }
            .connect(host: host, port: port).get()
        return SMTPConnection(channel: channel, replies: stream.makeAsyncIterator(), sslContext: sslContext, serverName: serverName)
    }

    private init(
        channel: any Channel, replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator, sslContext: NIOSSLContext?,
        serverName: String?
    ) {
        self.channel = channel
        self.replies = replies
        self.sslContext = sslContext
        self.serverName = serverName
    }

    /// The next reply; its code must be in `expected`. `label` names the command in errors (never a secret).
    mutating func reply(expecting expected: Set<Int>, for label: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw SMTPError.protocolViolation("the connection closed after \(label)")
        }
        guard expected.contains(reply.code) else {
            throw SMTPError.rejected(command: label, code: reply.code, text: reply.text)
        }
        return reply
    }

    /// Sends one command line and reads its reply. `label` replaces the line in errors (AUTH lines carry secrets).
    mutating func command(_ line: String, expecting expected: Set<Int>, label: String? = nil) async throws -> SMTPReply {
        try await send(line + "\r\n")
        return try await reply(expecting: expected, for: label ?? String(line.prefix(40)))
    }

    /// Writes raw text.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Puts TLS in front of the pipeline after the server's 220 to STARTTLS (RFC 3207).
    func startTLS() async throws {
        guard let sslContext else { throw SMTPError.unsupported("TLS without a TLS context") }
        let serverName = self.serverName
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: sslContext, serverHostname: serverName), position: .first
            )
        }.get()
    }

    /// Closes the channel (errors ignored: the session is over either way).
    func close() async {
        try? await channel.close()
    }
}
