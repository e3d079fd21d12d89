public import Gallery
public import Logging
import Foundation
import NIOCore
import NIOSSL

/// Sends mail over SMTP (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS (RFC 8314), and AUTH PLAIN or
/// LOGIN (RFC 4954). One connection per message: notifications are rare, so simplicity beats pooling.
public struct SMTPMailer: Mailer {
    let configuration: SMTPConfiguration
    let sslContext: NIOSSLContext?
    let logger: Logger

    /// Creates the mailer; fails when TLS cannot be set up (an unreadable CA file).
    public init(configuration: SMTPConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        if configuration.security == .none {
            sslContext = nil
        } else {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            if let file = configuration.caCertificateFile {
                tls.additionalTrustRoots = [.file(file)]
            }
            sslContext = try NIOSSLContext(configuration: tls)
        }
    }

    public var summary: String {
        let security = switch configuration.security {
        case .none: "no TLS"
        case .startTLS: "STARTTLS"
        case .tls: "TLS"
        }
        return "SMTP \(configuration.host):\(configuration.port) (\(security)\(configuration.username == nil ? "" : ", AUTH")), from \(configuration.from)"
    }

    public func send(_ message: MailMessage) async throws {
        let from = try SMTPMessageFormatter.checkedAddress(configuration.from)
        let recipients = try message.to.map(SMTPMessageFormatter.checkedAddress)
        guard !recipients.isEmpty else { return }
        let domain = from.split(separator: "@").last.map(String.init) ?? "pallet.localhost"
        let data = SMTPMessageFormatter.format(message, from: from, date: Date(), messageID: "\(UUID().uuidString.lowercased())@\(domain)")
        let configuration = self.configuration
        let sslContext = self.sslContext
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Self.exchange(configuration: configuration, sslContext: sslContext, from: from, recipients: recipients, data: data)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(configuration.timeoutSeconds))
                throw SMTPError.timedOut
            }
            defer { group.cancelAll() }
            try await group.next()
        }
        logger.info("mail sent", metadata: ["to": "\(recipients.joined(separator: ", "))", "subject": "\(message.subject)"])
    }

    /// The whole dialogue on one connection.
    static func exchange(
        configuration: SMTPConfiguration, sslContext: NIOSSLContext?, from: String, recipients: [String], data: String
    ) async throws {
        var connection = try await SMTPConnection.connect(
            host: configuration.host, port: configuration.port, implicitTLS: configuration.security == .tls, sslContext: sslContext
        )
        do {
            _ = try await connection.reply(expecting: [220], for: "the greeting")
            var extensions = try await connection.command("EHLO \(configuration.heloName)", expecting: [250]).lines
            if configuration.security == .startTLS {
                guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.unsupported("STARTTLS") }
                _ = try await connection.command("STARTTLS", expecting: [220])
                try await connection.startTLS()
                // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
                extensions = try await connection.command("EHLO \(configuration.heloName)", expecting: [250]).lines
            }
            if let username = configuration.username, let password = configuration.password {
                try await authenticate(&connection, username: username, password: password, extensions: extensions)
            }
            _ = try await connection.command("MAIL FROM:<\(from)>", expecting: [250])
            for recipient in recipients {
                _ = try await connection.command("RCPT TO:<\(recipient)>", expecting: [250, 251])
            }
            _ = try await connection.command("DATA", expecting: [354])
            try await connection.send(data + ".\r\n")
            _ = try await connection.reply(expecting: [250], for: "the message")
            _ = try? await connection.command("QUIT", expecting: [221])
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    /// AUTH PLAIN when offered (or when the server lists no mechanisms), else AUTH LOGIN.
    static func authenticate(_ connection: inout SMTPConnection, username: String, password: String, extensions: [String]) async throws {
        let mechanisms = extensions.first { $0.uppercased().hasPrefix("AUTH") }.map {
            Set($0.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst().map(String.init))
        } ?? []
        if mechanisms.isEmpty || mechanisms.contains("PLAIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            _ = try await connection.command("AUTH PLAIN \(token)", expecting: [235], label: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            _ = try await connection.command("AUTH LOGIN", expecting: [334], label: "AUTH LOGIN")
            _ = try await connection.command(Data(username.utf8).base64EncodedString(), expecting: [334], label: "AUTH LOGIN username")
            _ = try await connection.command(Data(password.utf8).base64EncodedString(), expecting: [235], label: "AUTH LOGIN password")
        } else {
            throw SMTPError.unsupported("AUTH PLAIN or LOGIN")
        }
    }
}
