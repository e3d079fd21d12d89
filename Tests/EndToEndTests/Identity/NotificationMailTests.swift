import Foundation
import Gallery
import Logging
import PalletApp
import PalletTestSupport
import Testing

/// Notifications go through the configured SMTP server (a real aiosmtpd) to the right people.
@Suite("Notification mail", .enabled(if: SMTPTestServer.isAvailable, "aiosmtpd is not installed (pip install aiosmtpd): skipped"))
struct NotificationMailTests {
    @Test("owner added, hard delete with reason, key expiring (once), account deleted")
    func notifications() async throws {
        let smtp = try SMTPTestServer(mode: .plain)
        defer { smtp.stop() }
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            var config = ServerConfig()
            config.mail.host = "127.0.0.1"
            config.mail.port = smtp.port
            config.mail.security = "none"
            config.mail.from = "pallet@pallet.test"
            let mailer = PalletServer.makeMailer(config: config, logger: Logger(label: "mail"))
            #expect(mailer.summary.hasPrefix("SMTP 127.0.0.1:\(smtp.port)"))
            let admin = fixture.gallery.administration(mailer: mailer)

            try await admin.addOwner("Alice.Lib", accountName: "Contoso", by: .adminCLI())
            try await admin.deletePackageVersion("Alice.Lib", version: "1.0.0", reason: "Contains malware.", by: .adminCLI())
            _ = try await fixture.gallery.accounts.createAPIKey(userName: "bob", name: "soon", scopes: [.push], expiresInDays: 3, by: .adminCLI())
            #expect(try await admin.remindExpiringKeys() == 1)
            #expect(try await admin.remindExpiringKeys() == 0, "one reminder per key")
            try await admin.deleteAccount(name: "carol", by: .adminCLI())

            let messages = try await smtp.messages(atLeast: 4)
            #expect(messages.count == 4)
            let subjects = messages.compactMap { $0.header("Subject") }
            #expect(subjects == [
                "[Pallet] Contoso is now an owner of Alice.Lib", "[Pallet] Alice.Lib 1.0.0 was deleted",
                "[Pallet] Your API key 'soon' expires soon", "[Pallet] Your account 'carol' was deleted",
            ])
            // The organization is reached through its admin (dave).
            #expect(messages[0].rcptTos == ["alice@pallet.test", "dave@pallet.test"])
            #expect(messages[1].rcptTos == ["alice@pallet.test", "dave@pallet.test"])
            #expect(messages[1].body.contains("Reason: Contains malware."))
            #expect(messages[2].rcptTos == ["bob@pallet.test"])
            #expect(messages[3].rcptTos == ["carol@pallet.test"])
        }
    }
}
