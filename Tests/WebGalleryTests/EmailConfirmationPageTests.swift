import Foundation
import Gallery
import HTTPTypes
import Logging
import PalletApp
import PalletTestSupport
import Testing
@testable import WebGallery

/// Register → the confirmation mail arrives at a real aiosmtpd → its link confirms → keys can be created.
@Suite("web accounts: email confirmation through SMTP",
       .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct EmailConfirmationPageTests {
    @Test("the mailed link confirms the email once; then the API keys page offers Create")
    func confirmByMail() async throws {
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
        }
        try await withTestApplication(options) { client, environment in
            let server = WebTestServer(
                client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory)
            let browser = TestBrowser(server)
            #expect(try await browser.register("lee").status == .seeOther)
            let before = try await browser.get("/account/apikeys")
            #expect(before.body.contains("Confirm your email address before creating API keys"))
            let mail = try #require(try await smtp.messages(atLeast: 1).first)
            #expect(mail.rcptTos == ["lee@example.com"])
            // Undo quoted-printable soft breaks, should the transport fold the long line.
            let body = mail.body.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
            let path = try #require(body.firstMatch(of: /\/account\/Confirm\?token=[A-Za-z0-9_\-]+/)).output
            let confirmed = try await browser.get(String(path))
            #expect(confirmed.status == .ok)
            #expect(confirmed.body.contains("Your email address is confirmed"))
            #expect(try await browser.get(String(path)).status == .badRequest, "single use")
            let after = try await browser.get("/account/apikeys")
            #expect(after.body.contains(#"for="key-name">Key name</label>"#))
        }
    }
}
