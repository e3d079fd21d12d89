import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletTestSupport
import Testing

/// The accounts, packages and reservations every authorization case starts from.
///
/// - `alice` owns `Alice.Lib` 1.0.0; `bob` is another user (owns `Open.Bob` 1.0.0 under the open reservation).
/// - Organization `Contoso` (admin `dave`, collaborator `carol`) owns `Contoso.Lib` 1.0.0 and the closed
///   reservation `Contoso.`; it also holds the open reservation `Open.`.
/// - `root` is a site admin.
struct IdentityFixture: Sendable {
    let gallery: PackageGallery
    let admin: GalleryAdministration
    let aliceKey: String
    let bobKey: String

    /// Builds the fixture on a fresh test server.
    static func make(_ client: FeedClient, _ env: TestEnvironment) async throws -> IdentityFixture {
        let gallery = env.gallery
        let admin = gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
        for (name, siteAdmin) in [("carol", false), ("dave", false), ("root", true)] {
            _ = try await gallery.accounts.createUser(name: name, email: "\(name)@pallet.test", isSiteAdmin: siteAdmin, by: .adminCLI())
        }
        _ = try await admin.createOrganization(name: "Contoso", adminName: "dave", by: .adminCLI())
        try await admin.addMember(organizationName: "Contoso", userName: "carol", role: .collaborator, by: .adminCLI())
        try await admin.reservePrefix("Contoso.", ownerName: "Contoso", by: .adminCLI())
        try await admin.reservePrefix("Open.", ownerName: "Contoso", isOpen: true, by: .adminCLI())
        let fixture = IdentityFixture(gallery: gallery, admin: admin, aliceKey: env.apiKey, bobKey: env.otherAPIKey)
        try await client.pushCreated(package("Alice.Lib", "1.0.0"), apiKey: env.apiKey)
        try await client.pushCreated(package("Contoso.Lib", "1.0.0"), apiKey: try await fixture.key("dave", owner: "Contoso"))
        try await client.pushCreated(package("Open.Bob", "1.0.0"), apiKey: env.otherAPIKey)
        return fixture
    }

    /// A new key for `user` (acting for `owner` when given).
    func key(
        _ user: String, owner: String? = nil, name: String? = nil, scopes: [APIKeyScope] = [.push, .pushVersions, .unlist],
        globs: [String] = [], ids: [String] = []
    ) async throws -> String {
        try await gallery.accounts.createAPIKey(
            userName: user, ownerName: owner, name: name ?? "k-\(UUID().uuidString.prefix(8))", scopes: scopes, globs: globs,
            packageIDs: ids, expiresInDays: 30, by: .adminCLI()
        ).secret
    }

    /// A key of `user` that expired a minute ago (written to the store directly: the API only makes future expiries).
    func expiredKey(_ user: String) async throws -> String {
        let account = try #require(try await gallery.store.user(named: user))
        let secret = APIKeySecret.generate()
        _ = try await gallery.store.createAPIKey(APIKeyRecord(
            userKey: account.key, name: "old", secretHash: APIKeySecret.hash(secret), scopes: [.push, .unlist],
            created: Date().addingTimeInterval(-86_400), expires: Date().addingTimeInterval(-60)
        ))
        return secret
    }

    /// Everything a refusal must leave unchanged, captured before and compared after.
    struct Snapshot: Equatable {
        let catalogCount: Int64
        let listing: [String: Bool]
        let blobFiles: [String]
        let writes: Int
    }

    /// The state of the ids the matrix touches.
    func snapshot(_ env: TestEnvironment) async throws -> Snapshot {
        var listing: [String: Bool] = [:]
        for id in ["alice.lib", "contoso.lib", "open.bob", "contoso.new", "alice.new", "open.new"] {
            for record in try await gallery.store.versions(ofLowerID: id) { listing["\(id)/\(record.lowerVersion)"] = record.listed }
        }
        let writes = try await gallery.store.auditEvents(since: nil).filter { $0.action.hasPrefix("package.") }.count
        return Snapshot(
            catalogCount: try await gallery.store.catalogCount(), listing: listing,
            blobFiles: try await env.packageBlobFiles().sorted(), writes: writes
        )
    }
}
