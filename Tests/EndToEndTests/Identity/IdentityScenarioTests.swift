import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletTestSupport
import Testing

/// Account deletion, hard delete, verified marks and secrets, end to end.
@Suite("Identity scenarios")
struct IdentityScenarioTests {
    @Test("deleting an account: keys dead at once, ownerships gone, name reserved in every casing, package still served")
    func accountDeletion() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            try await fixture.admin.deleteAccount(name: "alice", by: .adminCLI())
            let push = try await client.push(try package("Alice.Lib", "3.0.0").data(), apiKey: env.apiKey)
            #expect(push.status == .unauthorized)
            #expect(push.text.trimmingCharacters(in: .newlines) == "The API key is invalid or has been revoked.")
            #expect(try await fixture.gallery.store.owners(ofLowerID: "alice.lib").isEmpty)
            #expect(try await client.get(FeedClient.nupkgPath("alice.lib", "1.0.0")).status == .ok, "orphaned packages stay available")
            for casing in ["alice", "ALICE", "Alice", "aLiCe"] {
                await #expect(throws: GalleryError.badRequest("The username '\(casing)' is already taken.")) {
                    _ = try await fixture.gallery.accounts.createUser(name: casing, email: "new@pallet.test", by: .adminCLI())
                }
            }
            // A site admin assigns the orphan to a new owner.
            try await fixture.admin.addOwner("Alice.Lib", accountName: "bob", by: .adminCLI())
            try await client.pushCreated(package("Alice.Lib", "3.0.0"), apiKey: env.otherAPIKey)
            let audit = try await fixture.gallery.store.auditEvents(since: nil).map(\.action)
            #expect(audit.contains("account.deleted") && audit.contains("apikey.revoked") && audit.contains("owner.added"))
        }
    }

    @Test("the last admin of an organization cannot be deleted or removed; members' org keys die when they leave")
    func lastAdmin() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            await #expect(throws: GalleryError.self) { try await fixture.admin.deleteAccount(name: "dave", by: .adminCLI()) }
            await #expect(throws: GalleryError.self) { try await fixture.admin.removeMember(organizationName: "Contoso", userName: "dave", by: .adminCLI()) }
            await #expect(throws: GalleryError.self) { try await fixture.admin.removeOwner("Contoso.Lib", accountName: "Contoso", by: .adminCLI()) }
            try await fixture.admin.removeOwner("Contoso.Lib", accountName: "Contoso", allowLastOwner: true, by: .adminCLI())
            #expect(try await fixture.gallery.store.owners(ofLowerID: "contoso.lib").isEmpty)
        }
    }

    @Test("hard delete: gone from every read path and search, PackageDelete in the catalog, number never reusable")
    func hardDelete() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            try await client.pushCreated(package("Alice.Lib", "2.0.0"), apiKey: env.apiKey)
            try await fixture.admin.deletePackageVersion("alice.lib", version: "2.0.0", reason: "Malware.", by: .adminCLI())
            #expect(try await client.json("/v3/flat/alice.lib/index.json")["versions"]?.strings == ["1.0.0"])
            #expect(try await client.get(FeedClient.nupkgPath("alice.lib", "2.0.0")).status == .notFound)
            #expect(try await client.get("/v3/registration/alice.lib/2.0.0.json").status == .notFound)
            let hit = try await client.json("/v3/query?q=Alice.Lib")["data"]?[0]
            #expect(hit?["versions"]?.array?.compactMap { $0["version"]?.string } == ["1.0.0"])
            let catalog = try await fixture.gallery.store.catalogEntries(page: 0)
            #expect(catalog.last?.kind == .packageDelete && catalog.last?.version == "2.0.0")
            let again = try await client.push(try package("Alice.Lib", "2.0.0").data(), apiKey: env.apiKey)
            #expect(again.status == .conflict)
            let event = try await fixture.gallery.store.auditEvents(since: nil).last
            #expect(event?.action == "package.deleted" && event?.details == "Malware.")
        }
    }

    @Test("changes made by another process (the admin CLI) reach the server's search and documents")
    func pendingChanges() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            try await client.pushCreated(package("Alice.Lib", "2.0.0"), apiKey: env.apiKey)
            let cli = fixture.gallery.administration(mailer: LogMailer(logger: Logger(label: "t")), rendersChanges: false)
            try await cli.deletePackageVersion("Alice.Lib", version: "2.0.0", reason: "Copyright.", by: .adminCLI())
            // The server's own follower polls every second and may pick the mark up first: either it or this
            // call applies it (never both, never neither). Without the CLI's mark nothing would re-render the id,
            // so the flat index below would still list 2.0.0.
            #expect(try await fixture.gallery.applyPendingChanges() <= 1)
            #expect(try await client.json("/v3/flat/alice.lib/index.json")["versions"]?.strings == ["1.0.0"])
            #expect(try await fixture.gallery.store.dirtyLowerIDs().isEmpty)
        }
    }

    @Test("search marks packages under a reservation verified only when a reservation owner owns them")
    func verified() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            try await client.pushCreated(package("Open.New", "1.0.0"), apiKey: env.otherAPIKey)
            #expect(try await client.json("/v3/query?q=packageid:Contoso.Lib")["data"]?[0]?["verified"]?.bool == true)
            #expect(try await client.json("/v3/query?q=packageid:Open.New")["data"]?[0]?["verified"]?.bool == false)
            #expect(try await client.json("/v3/query?q=packageid:Alice.Lib")["data"]?[0]?["verified"]?.bool == false)
            // Registration carries the same mark (on every version's catalogEntry, in every hive).
            for hive in ["registration", "registration-gz-semver2"] {
                let entry = try await client.json("/v3/\(hive)/contoso.lib/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
                #expect(entry?["verified"]?.bool == true, "\(hive)")
            }
            #expect(try await client.json("/v3/registration/open.new/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]?["verified"] == nil)
            try await fixture.admin.releasePrefix("Contoso.", by: .adminCLI())
            #expect(try await client.json("/v3/query?q=packageid:Contoso.Lib")["data"]?[0]?["verified"]?.bool == false)
            let released = try await client.json("/v3/registration/contoso.lib/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(released?["verified"] == nil, "releasing the reservation removes the mark from registration")
        }
    }

    @Test("the server's log (trace level, every write path, refused keys too) never holds an API key secret")
    func secretsNotLogged() async throws {
        let log = CapturedLog()
        try await withTestServer(logger: log.logger()) { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            let revoked = try await fixture.gallery.accounts.createAPIKey(userName: "alice", name: "gone", scopes: [.push], by: .adminCLI())
            try await fixture.gallery.accounts.revokeAPIKey(userName: "alice", keyName: "gone", by: .adminCLI())
            _ = try await fixture.gallery.accounts.createAPIKey(userName: "alice", name: "again", scopes: [.push, .unlist], by: .adminCLI())
            let regenerated = try await fixture.gallery.accounts.regenerateAPIKey(userName: "alice", keyName: "again", by: .adminCLI())
            let unknown = "pallet_" + String(repeating: "Z", count: 43)
            let dave = try await fixture.key("dave", owner: "Contoso")
            let expired = try await fixture.expiredKey("carol")
            try await client.pushCreated(package("Contoso.Logged", "1.0.0"), apiKey: dave)
            try await client.pushCreated(package("Alice.Lib", "9.0.0"), apiKey: env.apiKey)
            for key in [revoked.secret, unknown, expired] {
                #expect(try await client.push(try package("Alice.Lib", "9.1.0").data(), apiKey: key).status == .unauthorized)
            }
            #expect(try await client.push(try package("Contoso.Other", "1.0.0").data(), apiKey: env.otherAPIKey).status == .forbidden)
            #expect(try await client.unlist("Contoso.Logged", "1.0.0", apiKey: dave).status == .noContent)
            #expect(try await client.relist("Contoso.Logged", "1.0.0", apiKey: dave).status == .ok)
            let v2Push = try await client.push(try package("Alice.Lib", "5.0.0").data(), apiKey: regenerated.secret, path: "/api/v2/")
            #expect(v2Push.status == .created)
            #expect(try await client.unlist("Alice.Lib", "5.0.0", apiKey: unknown).status == .unauthorized)
            #expect(try await client.unlist("Alice.Lib", "5.0.0", apiKey: regenerated.secret).status == .noContent)
            #expect(log.count > 50, "the capture saw the server's trace log")
            let text = log.text
            for secret in [env.apiKey, env.otherAPIKey, revoked.secret, regenerated.secret, unknown, dave, expired] {
                #expect(!text.contains(secret), "a secret reached the log")
                #expect(!text.contains(String(secret.dropFirst(7).prefix(20))), "part of a secret reached the log")
            }
        }
    }

    @Test("the database never holds an API key secret in clear; regenerated keys replace the old secret")
    func secrets() async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            let created = try await fixture.gallery.accounts.createAPIKey(userName: "alice", name: "ci", scopes: [.push], by: .adminCLI())
            let regenerated = try await fixture.gallery.accounts.regenerateAPIKey(userName: "alice", keyName: "ci", by: .adminCLI())
            #expect(created.secret.hasPrefix("pallet_") && regenerated.secret != created.secret)
            #expect(try await client.push(try package("Alice.Lib", "4.0.0").data(), apiKey: created.secret).status == .unauthorized)
            try await client.pushCreated(package("Alice.Lib", "4.0.0"), apiKey: regenerated.secret)
            try await fixture.gallery.store.shutdown()
            let bytes = try TestBackend.current.databaseBytes(dataDirectory: env.dataDirectory)
            #expect(bytes.range(of: Data("alice".utf8)) != nil, "the dump holds the accounts")
            for secret in [env.apiKey, env.otherAPIKey, fixture.aliceKey, created.secret, regenerated.secret] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "a secret is stored in clear")
                #expect(bytes.range(of: Data(secret.dropFirst(7).prefix(24).utf8)) == nil)
            }
        }
    }
}
