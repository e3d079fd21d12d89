import Foundation
import Gallery
import NuGetCore
import GalleryTestSupport

/// The accounts, packages, reservations and credentials every row of the authorization table starts from,
/// built once through the domain services on one store and then only read.
///
/// - `alice` owns `Alice.Lib`; `bob` owns nothing; `root` is a site admin.
/// - Organization `Contoso` (admin `dave`, collaborator `carol`) owns `Contoso.Lib` and the closed
///   reservation `Contoso.`; `Open.` is an open reservation of Contoso's.
struct AuthorizationWorld: Sendable {
    let store: any MetadataStore
    let authorizer: Authorizer
    let authenticator: APIKeyAuthenticator
    let accounts: [String: User]
    /// API key secrets by `MatrixCredential` name.
    let secrets: [String: String]

    /// A fixed instant: keys made "now" expire after it, the expired key before it.
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    struct FixedClock: GalleryClock {
        func now() -> Date { AuthorizationWorld.now }
    }

    static func build(on store: any MetadataStore) async throws -> AuthorizationWorld {
        let clock = FixedClock()
        let service = AccountService(store: store, clock: clock)
        let cli = Principal.adminCLI()
        var accounts: [String: User] = [:]
        for (name, siteAdmin) in [("alice", false), ("bob", false), ("carol", false), ("dave", false), ("root", true)] {
            accounts[name] = try await service.createUser(name: name, email: "\(name)@pallet.test", isSiteAdmin: siteAdmin, by: cli)
        }
        let contoso = try await store.createUser(User(name: "Contoso", email: "contoso@pallet.test", created: now, kind: .organization))
        accounts["Contoso"] = contoso
        try await store.apply([
            .setMembership(Membership(organizationKey: contoso.key, userKey: accounts["dave"]!.key, role: .admin)),
            .setMembership(Membership(organizationKey: contoso.key, userKey: accounts["carol"]!.key, role: .collaborator)),
            .addOwner(accountKey: accounts["alice"]!.key, lowerID: "alice.lib"),
            .addOwner(accountKey: contoso.key, lowerID: "contoso.lib"),
            .saveReservation(PrefixReservation(pattern: "Contoso.", ownerKeys: [contoso.key], created: now)),
            .saveReservation(PrefixReservation(pattern: "Open.", isOpen: true, ownerKeys: [contoso.key], created: now)),
        ])
        var secrets: [String: String] = [:]
        func key(_ name: String, _ user: String, owner: String? = nil, scopes: [APIKeyScope] = APIKeyScope.allCases, globs: [String] = []) async throws {
            secrets[name] = try await service.createAPIKey(
                userName: user, ownerName: owner, name: name, scopes: scopes, globs: globs, expiresInDays: 30, by: cli
            ).secret
        }
        try await key("aliceAllScopes", "alice")
        try await key("alicePushOnly", "alice", scopes: [.push])
        try await key("alicePushVersionsOnly", "alice", scopes: [.pushVersions])
        try await key("aliceUnlistOnly", "alice", scopes: [.unlist])
        try await key("aliceOutsideSelection", "alice", globs: ["Other.*"])
        try await key("bobAllScopes", "bob")
        try await key("carolForContoso", "carol", owner: "Contoso")
        try await key("davePersonal", "dave")
        try await key("rootAllScopes", "root")
        try await key("aliceRevoked", "alice")
        _ = try await service.revokeAPIKey(userName: "alice", keyName: "aliceRevoked", by: cli)
        let expired = APIKeySecret.generate()
        _ = try await store.createAPIKey(APIKeyRecord(
            userKey: accounts["alice"]!.key, name: "aliceExpired", secretHash: APIKeySecret.hash(expired), scopes: APIKeyScope.allCases,
            created: now.addingTimeInterval(-86_400), expires: now.addingTimeInterval(-60)
        ))
        secrets["aliceExpired"] = expired
        return AuthorizationWorld(
            store: store, authorizer: Authorizer(store: store), authenticator: APIKeyAuthenticator(store: store, clock: clock),
            accounts: accounts, secrets: secrets
        )
    }

    /// The principal of a row, authenticated as its surface would (API keys from a header value).
    func principal(_ credential: MatrixCredential) async throws -> Principal {
        switch credential {
        case .noKey: return try await authenticator.authenticate(nil)
        case .unknownKey: return try await authenticator.authenticate("pallet_" + String(repeating: "0", count: 64))
        case .cli: return .adminCLI()
        default:
            if let name = credential.sessionUser { return try await authorizer.signedIn(accounts[name]!) }
            return try await authenticator.authenticate(secrets[credential.rawValue])
        }
    }

    /// The action of a column, with its facts gathered from the store as the domain gathers them.
    func action(_ column: MatrixAction) async throws -> GalleryAction {
        func target(_ id: PackageID) async throws -> PackageTarget { try await authorizer.package(id)! }
        switch column {
        case .pushNewID: return .pushNewPackage("Alice.New", reservation: nil)
        case .pushNewIDUnderClosedPrefix, .pushNewIDUnderOpenPrefix:
            let id: PackageID = column == .pushNewIDUnderClosedPrefix ? "Contoso.New" : "Open.New"
            return .pushNewPackage(id, reservation: PrefixReservation.deciding(try await store.reservations(), for: id.original))
        case .pushVersionAlice: return .pushVersion(try await target("Alice.Lib"))
        case .pushVersionContoso: return .pushVersion(try await target("Contoso.Lib"))
        case .unlistAlice: return .setListed(try await target("Alice.Lib"))
        case .unlistContoso: return .setListed(try await target("Contoso.Lib"))
        case .deprecateContoso: return .deprecate(try await target("Contoso.Lib"))
        case .manageOwnersAlice: return .manageOwners(try await target("Alice.Lib"))
        case .manageOwnersContoso: return .manageOwners(try await target("Contoso.Lib"))
        case .manageMembersContoso: return .manageMembers(organization: accounts["Contoso"]!)
        case .keysForAlice: return .manageAPIKeys(owner: accounts["alice"]!, creator: accounts["alice"]!)
        case .keysForContosoByCarol: return .manageAPIKeys(owner: accounts["Contoso"]!, creator: accounts["carol"]!)
        case .deleteAccountAlice: return .manageAccount(accounts["alice"]!)
        case .deleteOrganizationContoso: return .manageAccount(accounts["Contoso"]!)
        case .reservePrefix: return .reservePrefixes
        case .lockAlice: return .lockPackage(try await target("Alice.Lib"))
        case .hardDeleteAlice: return .hardDelete(try await target("Alice.Lib"))
        case .grantSiteAdmin: return .administerAccounts
        }
    }

    /// Authenticates the row and asks the policy about the column: nil when allowed, else the refusal.
    func decide(_ credential: MatrixCredential, _ column: MatrixAction) async throws -> GalleryError? {
        do {
            let principal = try await principal(credential)
            try authorizer.check(principal, try await action(column))
            return nil
        } catch let error as GalleryError {
            return error
        }
    }
}
