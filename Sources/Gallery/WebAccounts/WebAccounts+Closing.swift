public import Foundation

/// What deleting an account would leave behind, shown on `/account/delete` before the person confirms.
public struct AccountDeletionPreview: Sendable, Equatable {
    /// Packages the account owns alone: they stay available, without an owner.
    public let soleOwnedIDs: [String]
    /// Every package the account owns.
    public let ownedIDs: [String]
    /// Organizations the account is the last admin of: deletion is refused while there are any.
    public let lastAdminOf: [String]
    /// Organizations the account belongs to.
    public let organizations: [String]
}

extension WebAccounts {
    /// How long the admin named in a transform request has to accept it.
    public static let transformLinkLifetime: TimeInterval = 7 * 86_400

    /// The consequences of deleting the signed-in person's account.
    public func deletionPreview(of user: User) async throws -> AccountDeletionPreview {
        var owned: [String] = [], sole: [String] = []
        for lowerID in try await store.ownedLowerIDs(of: user.key).sorted() {
            owned.append(lowerID)
            if try await store.owners(ofLowerID: lowerID) == [user.key] { sole.append(lowerID) }
        }
        var lastAdmin: [String] = [], organizations: [String] = []
        for membership in try await store.memberships(ofUser: user.key) {
            guard let organization = try await store.user(key: membership.organizationKey), !organization.isDeleted else { continue }
            organizations.append(organization.name)
            let admins = try await store.members(ofOrganization: organization.key).filter { $0.role == .admin }
            if membership.role == .admin && admins.count == 1 { lastAdmin.append(organization.name) }
        }
        return AccountDeletionPreview(
            soleOwnedIDs: sole, ownedIDs: owned, lastAdminOf: lastAdmin.sorted(), organizations: organizations.sorted())
    }

    /// Deletes the signed-in person's own account (nuget.org's rules, in `GalleryAdministration.deleteAccount`:
    /// keys revoked, ownerships and memberships removed, packages stay, the name stays reserved; refused while
    /// the account is the last admin of an organization), then ends every session of it.
    public func deleteOwnAccount(by principal: Principal, using administration: GalleryAdministration) async throws {
        try await administration.deleteAccount(name: principal.user.name, by: principal)
        try await store.deleteWebSessions(userKey: principal.user.key)
        try await forgetExternalLogins(of: principal.user, by: principal)
    }

    /// "Transform into an organization": checks what nuget.org checks (gallery.md §1.14), then mails the named
    /// admin a link to accept. Nothing changes until they do.
    public func requestTransform(adminName: String, by principal: Principal) async throws {
        let account = principal.user
        let name = adminName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains("@"), name.count <= 64 else {
            throw GalleryError.badRequest("Enter the username (not the email) of the account that will administer the organization.")
        }
        guard let admin = try await store.user(named: name), !admin.isDeleted, admin.kind == .user else {
            throw GalleryError.badRequest("There is no user named '\(name)'.")
        }
        guard admin.key != account.key else {
            throw GalleryError.badRequest("The administrator must be another account than '\(account.name)'.")
        }
        guard try await isEmailConfirmed(account), try await isConfirmedOrAdminMade(admin) else {
            throw GalleryError.badRequest("Both accounts must have a confirmed email address.")
        }
        guard try await store.memberships(ofUser: account.key).isEmpty else {
            throw GalleryError.badRequest("'\(account.name)' is a member of an organization; leave it before transforming the account.")
        }
        let token = Self.randomToken()
        try await store.savePendingTransform(
            PendingTransform(tokenHash: Self.sha256(token), userKey: account.key, adminKey: admin.key,
                             expires: clock.now().addingTimeInterval(Self.transformLinkLifetime)),
            audit: [audit.entry(principal, "transform.requested", target: "user \(account.name)", details: "admin \(admin.name)")])
        await deliver(to: admin.email, subject: "\(account.name) asks you to administer it as an organization", body: """
            Hello \(admin.name),

            The account '\(account.name)' wants to become an organization with you as its administrator. Its
            packages would stay with the organization, and you would manage its members and keys.

            Sign in as \(admin.name) and open this link within 7 days to accept:

            \(baseURL)/account/transform/confirm?token=\(token)

            If you do not know this account, ignore this mail: nothing changes.
            """)
    }

    /// The transform request behind a link, for the page that asks the admin to accept; nil for an unknown or
    /// expired link, or when the signed-in person is not the named admin.
    public func transformRequest(token: String, for principal: Principal) async throws -> (account: User, request: PendingTransform)? {
        guard token.count <= 200, let request = try await store.pendingTransform(tokenHash: Self.sha256(token)),
              request.expires > clock.now(), request.adminKey == principal.user.key,
              let account = try await store.user(key: request.userKey), !account.isDeleted, account.kind == .user
        else { return nil }
        return (account, request)
    }

    /// The named admin accepts: the account becomes an organization they administer (the rules of
    /// `GalleryAdministration.transformToOrganization`), and every session of the old account ends.
    public func acceptTransform(token: String, by principal: Principal, using administration: GalleryAdministration) async throws -> User {
        guard let (account, _) = try await transformRequest(token: token, for: principal),
              try await store.takePendingTransform(tokenHash: Self.sha256(token)) != nil
        else { throw GalleryError.badRequest("This link is unknown, was used already, expired, or is meant for another account.") }
        // The request proves the account asked for it; the account itself is the actor of the change.
        let organization = try await administration.transformToOrganization(
            name: account.name, adminName: principal.user.name, by: Principal(user: account, credential: .webSession))
        try await store.deleteWebSessions(userKey: account.key)
        try await forgetExternalLogins(of: account, by: principal)
        await deliver(to: account.email, subject: "Your account '\(account.name)' is now an organization", body: """
            The account '\(account.name)' is now an organization administered by '\(principal.user.name)'.
            Nobody can sign in as it any more; its API keys were revoked.
            """)
        return organization
    }

    /// Accounts made by an admin have no credentials row and count as confirmed.
    func isConfirmedOrAdminMade(_ user: User) async throws -> Bool {
        try await store.credentials(userKey: user.key)?.emailConfirmed ?? true
    }
}
