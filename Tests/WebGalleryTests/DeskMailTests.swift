import Foundation
import Gallery
import HTTPTypes
import Logging
import PalletApp
import PalletTestSupport
import Testing
@testable import WebGallery

/// A report and a message to owners through a real SMTP server (aiosmtpd): who receives what, and the Reply-To.
@Suite("desk: mail through SMTP", .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct DeskMailTests {
    @Test("an anonymous report reaches PALLET_MAIL_OPERATORS with reply-to the reporter; owners' mail never shows another owner")
    func reportAndContact() async throws {
        let smtp = try SMTPTestServer(mode: .plain)
        defer { smtp.stop() }
        var options = TestServerOptions()
        var logger = Logger(label: "pallet.web-tests")
        logger.logLevel = .critical
        options.logger = logger
        let port = smtp.port
        options.configure = { config in
            config.mail.host = "127.0.0.1"
            config.mail.port = port
            config.mail.security = "none"
            config.mail.from = "pallet@pallet.test"
            config.mail.operators = ["ops@pallet.test", "abuse@pallet.test"]
        }
        try await withTestApplication(options) { client, environment in
            let server = WebTestServer(client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory)
            try await server.push(TestPackage(id: "Acme.Lib", version: "1.0.0"))
            let visitor = TestBrowser(server)
            let form = try await visitor.get("/packages/Acme.Lib/1.0.0/ReportAbuse")
            let sent = try await visitor.post("/packages/Acme.Lib/1.0.0/ReportAbuse", [
                ("__RequestVerificationToken", TestBrowser.token(form) ?? ""), ("Reason", "Other"), ("Email", "who@example.com"),
                ("Details", "Squats the name."),
            ])
            #expect(sent.status == .ok)
            let report = try #require(try await smtp.messages(atLeast: 1).first)
            #expect(Set(report.rcptTos) == ["ops@pallet.test", "abuse@pallet.test"])
            #expect(report.header("Reply-To") == "who@example.com")
            #expect(report.body.contains("Squats the name.") && report.header("Subject")?.contains("Acme.Lib") == true)
        }
    }
}
