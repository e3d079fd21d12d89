import Foundation

extension GalleryAdministration {
    /// Creates an organization with `adminName` as its first admin. Organizations have an address for
    /// notifications but cannot sign in or hold keys; members act for them.
    public func createOrganization(name: String, email: String? = nil, adminName: String, actor: String = AuditLog.adminCLI) async throws -> User {
        let admin = try await accounts.user(named: adminName)
        let organization = try await accounts.createAccount(
            name: name, email: email ?? admin.email, kind: .organization, isSiteAdmin: false, actor: actor
        )
        try await store.setMembership(Membership(organizationKey: organization.key, userKey: admin.key, role: .admin))
        try await audit.record(actor: actor, action: "member.added", target: "organization \(organization.name)", details: "\(admin.name) as admin")
        return organization
    }

    /// Adds a member or changes its role. Demoting the last admin is refused (an organization always has one).
    public func addMember(organizationName: String, userName: String, role: OrganizationRole, actor: String = AuditLog.adminCLI) async throws {
        let organization = try await accounts.organization(named: organizationName)
        let user = try await accounts.user(named: userName)
        let members = try await store.members(ofOrganization: organization.key)
        if role != .admin, members.filter({ $0.role == .admin }).map(\.userKey) == [user.key] {
            throw GalleryError.badRequest("'\(user.name)' is the last admin of '\(organization.name)'; add another admin first.")
        }
        try await store.setMembership(Membership(organizationKey: organization.key, userKey: user.key, role: role))
        try await audit.record(actor: actor, action: "member.added", target: "organization \(organization.name)", details: "\(user.name) as \(role.rawValue)")
    }

    /// Removes a member; their keys for the organization stop working at once. The last admin cannot leave.
    public func removeMember(organizationName: String, userName: String, actor: String = AuditLog.adminCLI) async throws {
        let organization = try await accounts.organization(named: organizationName)
        let user = try await accounts.account(named: userName)
        let members = try await store.members(ofOrganization: organization.key)
        guard members.contains(where: { $0.userKey == user.key }) else {
            throw GalleryError.notFound("'\(user.name)' is not a member of '\(organization.name)'.")
        }
        if members.filter({ $0.role == .admin }).map(\.userKey) == [user.key] {
            throw GalleryError.badRequest("'\(user.name)' is the last admin of '\(organization.name)'; an organization must keep an admin.")
        }
        try await store.removeMembership(organizationKey: organization.key, userKey: user.key)
        try await audit.record(actor: actor, action: "member.removed", target: "organization \(organization.name)", details: user.name)
    }

    /// Turns a user into an organization administered by `adminName` (nuget.org's "transform account").
    /// Its packages and reservations stay with it; its own keys are revoked, because an organization
    /// cannot sign in or hold keys. The account must not itself be a member of an organization.
    public func transformToOrganization(name: String, adminName: String, actor: String = AuditLog.adminCLI) async throws -> User {
        var account = try await accounts.user(named: name)
        let admin = try await accounts.user(named: adminName)
        guard admin.key != account.key else {
            throw GalleryError.badRequest("The admin of the new organization must be another user than '\(account.name)'.")
        }
        guard try await store.memberships(ofUser: account.key).isEmpty else {
            throw GalleryError.badRequest("'\(account.name)' is a member of an organization; leave it before transforming the account.")
        }
        for var key in try await store.apiKeys(involving: account.key) where !key.revoked && key.userKey == account.key {
            key.revoked = true
            try await store.updateAPIKey(key)
            try await audit.record(actor: actor, action: "apikey.revoked", target: "apikey \(account.name)/\(key.name)", details: "account transformed")
        }
        account.kind = .organization
        account.isSiteAdmin = false
        try await store.updateUser(account)
        try await store.setMembership(Membership(organizationKey: account.key, userKey: admin.key, role: .admin))
        try await audit.record(actor: actor, action: "user.transformed", target: "user \(account.name)", details: "organization with admin \(admin.name)")
        return account
    }
}
