public import Logging

/// One plain-text message to send.
public struct MailMessage: Sendable, Equatable {
    /// Recipient addresses.
    public var to: [String]
    public var subject: String
    /// Plain text; lines end with `\n` (the transport turns them into CRLF).
    public var body: String
    /// Where replies go (the reporter of an abuse report, the sender of a message to owners), when not the sender.
    public var replyTo: String?

    /// Creates a message.
    public init(to: [String], subject: String, body: String, replyTo: String? = nil) {
        self.to = to
        self.subject = subject
        self.body = body
        self.replyTo = replyTo
    }
}

/// Sends mail (SMTP in production, see the `Mail` module; `LogMailer` when none is configured).
public protocol Mailer: Sendable {
    /// A one-line description for the start-up banner ("SMTP smtp.example.com:587 (STARTTLS)").
    var summary: String { get }
    /// Sends one message, or throws.
    func send(_ message: MailMessage) async throws
}

/// The mailer used when no SMTP server is configured: writes each message's recipients and subject
/// to the log so an operator sees what would have been sent. Never sends.
public struct LogMailer: Mailer {
    let logger: Logger

    /// Creates a log-only mailer.
    public init(logger: Logger) {
        self.logger = logger
    }

    public var summary: String { "not configured: messages are written to the log, not sent" }

    public func send(_ message: MailMessage) async throws {
        logger.notice("mail not sent (no SMTP server configured)", metadata: [
            "to": "\(message.to.joined(separator: ", "))", "subject": "\(message.subject)",
        ])
    }
}
