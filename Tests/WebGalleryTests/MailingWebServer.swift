import Foundation
import Gallery
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Logging
import PalletApp
import PalletTestSupport
import Testing
@testable import WebGallery

/// Runs `body` with a web server whose mail goes to a real aiosmtpd.
func withMailingWebServer(_ body: @escaping @Sendable (WebTestServer, SMTPTestServer) async throws -> Void) async throws {
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
        try await body(WebTestServer(
            client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory), smtp)
    }
}
