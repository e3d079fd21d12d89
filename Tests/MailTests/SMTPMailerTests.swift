import Foundation
import Gallery
import Logging
import Mail
import PalletTestSupport
import Testing

/// `SMTPMailer` against a real SMTP server (aiosmtpd): plain, STARTTLS and implicit TLS, with and without AUTH.
@Suite("SMTP mailer", .enabled(if: smtpServerAvailable, "aiosmtpd is not installed (pip install aiosmtpd): SMTP tests skipped"))
struct SMTPMailerTests {
    static let message = MailMessage(
        to: ["alice@example.test", "bob@example.test"], subject: "[Pallet] Contoso.Utils 1.0.0 was deleted",
        body: "The package was deleted.\n.A line that starts with a dot.\nReason: malware\n"
    )

    func mailer(_ server: SMTPTestServer, _ security: SMTPConfiguration.Security, user: String? = nil, password: String? = nil, trust: Bool = true) throws -> SMTPMailer {
        try SMTPMailer(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: server.port, security: security, username: user, password: password,
            from: "pallet@example.test", caCertificateFile: trust && security != .none ? server.certificateFile : nil, timeoutSeconds: 60
        ), logger: Logger(label: "smtp-test"))
    }

    @Test("delivers envelope, headers and dot-stuffed body", arguments: [
        (SMTPTestServer.Mode.plain, SMTPConfiguration.Security.none, false),
        (.starttls, .startTLS, false), (.tls, .tls, false), (.starttls, .startTLS, true), (.tls, .tls, true),
    ])
    func delivers(_ mode: SMTPTestServer.Mode, _ security: SMTPConfiguration.Security, _ withAuth: Bool) async throws {
        let server = try SMTPTestServer(mode: mode, credentials: withAuth ? ("mailer", "s3cret!") : nil)
        defer { server.stop() }
        try await mailer(server, security, user: withAuth ? "mailer" : nil, password: withAuth ? "s3cret!" : nil).send(Self.message)
        let received = try #require(try await server.messages().first)
        #expect(received.mailFrom == "pallet@example.test")
        #expect(received.rcptTos == ["alice@example.test", "bob@example.test"])
        #expect(received.tls == (mode != .plain))
        #expect(received.authUser == (withAuth ? "mailer" : nil))
        #expect(received.header("Subject") == "[Pallet] Contoso.Utils 1.0.0 was deleted")
        #expect(received.header("From") == "pallet@example.test")
        #expect(received.header("To") == "alice@example.test, bob@example.test")
        #expect(received.header("Message-ID")?.hasSuffix("@example.test>") == true)
        #expect(received.body.contains("\r\n.A line that starts with a dot.\r\n"), "\(received.body)")
    }

    @Test("a wrong password fails the send, never echoing the secret, and nothing is delivered")
    func wrongPassword() async throws {
        let server = try SMTPTestServer(mode: .starttls, credentials: ("mailer", "right"))
        defer { server.stop() }
        var configuration = SMTPConfiguration(
            host: "127.0.0.1", port: server.port, security: .startTLS, username: "mailer", password: "wrong-secret",
            from: "pallet@example.test", caCertificateFile: server.certificateFile, timeoutSeconds: 60
        )
        configuration.heloName = "pallet.test"
        do {
            try await SMTPMailer(configuration: configuration, logger: Logger(label: "smtp-test")).send(Self.message)
            Issue.record("the send should have failed")
        } catch let error as SMTPError {
            // aiosmtpd answers 535 or, after a failed AUTH, stops answering (then the exchange times out).
            switch error {
            case .rejected(let command, let code, _): #expect(command == "AUTH PLAIN" && code == 535)
            case .timedOut: break
            default: Issue.record("unexpected \(error)")
            }
            #expect(!"\(error)".contains("wrong-secret"))
        }
        #expect(try await server.messages(atLeast: 1, timeout: 0.3).isEmpty)
    }

    @Test("an untrusted certificate stops the exchange before anything is sent", arguments: [SMTPTestServer.Mode.starttls, .tls])
    func untrustedCertificate(_ mode: SMTPTestServer.Mode) async throws {
        let server = try SMTPTestServer(mode: mode)
        defer { server.stop() }
        await #expect(throws: (any Error).self) {
            try await mailer(server, mode == .tls ? .tls : .startTLS, trust: false).send(Self.message)
        }
        #expect(try await server.messages(atLeast: 1, timeout: 0.3).isEmpty)
    }

    @Test("STARTTLS required but the server does not offer it: refused")
    func startTLSMissing() async throws {
        let server = try SMTPTestServer(mode: .plain)
        defer { server.stop() }
        await #expect(throws: SMTPError.unsupported("STARTTLS")) {
            try await mailer(server, .startTLS, trust: false).send(Self.message)
        }
    }

    @Test("a UTF-8 subject and body arrive intact (RFC 2047 word, base64 body)")
    func unicode() async throws {
        let server = try SMTPTestServer(mode: .plain)
        defer { server.stop() }
        try await mailer(server, .none).send(MailMessage(to: ["zoë@example.test".replacingOccurrences(of: "ë", with: "e")], subject: "Ünïcode ✓", body: "Grüße\n"))
        let received = try #require(try await server.messages().first)
        #expect(received.header("Subject") == "=?utf-8?B?\(Data("Ünïcode ✓".utf8).base64EncodedString())?=")
        #expect(received.header("Content-Transfer-Encoding") == "base64")
        let body = received.body.replacingOccurrences(of: "\r\n", with: "")
        #expect(Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } == "Grüße\r\n")
    }

    @Test("addresses that would inject SMTP commands are refused", arguments: ["a@b.test\r\nRCPT TO:<x@y>", "<a@b.test>", "no-at-sign", ""])
    func injection(_ address: String) async throws {
        let server = try SMTPTestServer(mode: .plain)
        defer { server.stop() }
        await #expect(throws: SMTPError.invalidAddress(address)) {
            try await mailer(server, .none).send(MailMessage(to: [address], subject: "x", body: "y"))
        }
    }
}

/// Decided once: whether the aiosmtpd server can run here.
let smtpServerAvailable: Bool = {
    let available = SMTPTestServer.isAvailable
    if !available { print("MailTests: aiosmtpd is not installed (pip install aiosmtpd); SMTP tests are skipped.") }
    return available
}()
