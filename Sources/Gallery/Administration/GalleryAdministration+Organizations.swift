import Foundation

extension GalleryAdministration {
    /// Creates an organization with `adminName` as its first admin. Organizations have an address for
    /// notifications but cannot sign in or hold keys; members act for them. A person creates organizations
    /// for themselves; site admins for anyone.
    public func createOrganization(name: String, email: String? = nil, adminName: String, by principal: Principal) async throws -> User {
        let admin = try await accounts.user(named: adminName)
        try authorizer.check(principal, .manageAccount(admin))
        let organization = try await accounts.createAccount(
            name: name, email: email ?? admin.email, kind: .organization, isSiteAdmin: false, by: principal
        )
        try await store.apply([
            .setMembership(Membership(organizationKey: organization.key, userKey: admin.key, role: .admin)),
            audit.event(principal, "member.added", target: "organization \(organization.name)", details: "\(admin.name) as admin"),
        ])
        return organization
    }

    /// Adds a member or changes its role. Demoting the last admin is refused (an organization always has one).
    public func addMember(organizationName: String, userName: String, role: OrganizationRole, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: organizationName)
        try authorizer.check(principal, .manageMembers(organization: organization))
        let user = try await accounts.user(named: userName)
        let members = try await store.members(ofOrganization: organization.key)
        if role != .admin, members.filter({ $0.role == .admin }).map(\.userKey) == [user.key] {
            throw GalleryError.badRequest("'\(user.name)' is the last admin of '\(organization.name)'; add another admin first.")
        }
        try await store.apply([
            .setMembership(Membership(organizationKey: organization.key, userKey: user.key, role: role)),
            audit.event(principal, "member.added", target: "organization \(organization.name)", details: "\(user.name) as \(role.rawValue)"),
        ])
    }

    /// Removes a member (admins remove anyone; a member may leave); their keys for the organization stop
    /// working at once. The last admin cannot leave.
    public func removeMember(organizationName: String, userName: String, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: organizationName)
        let user = try await accounts.account(named: userName)
        if user.key != principal.user.key {
            try authorizer.check(principal, .manageMembers(organization: organization))
        }
        let members = try await store.members(ofOrganization: organization.key)
        guard members.contains(where: { $0.userKey == user.key }) else {
            throw GalleryError.notFound("'\(user.name)' is not a member of '\(organization.name)'.")
        }
        if members.filter({ $0.role == .admin }).map(\.userKey) == [user.key] {
            throw GalleryError.badRequest("'\(user.name)' is the last admin of '\(organization.name)'; an organization must keep an admin.")
        }
        try await store.apply([
            .removeMembership(organizationKey: organization.key, userKey: user.key),
            audit.event(principal, "member.removed", target: "organization \(organization.name)", details: user.name),
        ])
    }

    /// Turns a user into an organization administered by `adminName` (nuget.org's "transform account").
    /// Its packages and reservations stay with it; its own keys are revoked, because an organization
    /// cannot sign in or hold keys. The account must not itself be a member of an organization.
    public func transformToOrganization(name: String, adminName: String, by principal: Principal) async throws -> User {
        var account = try await accounts.user(named: name)
        try authorizer.check(principal, .manageAccount(account))
        let admin = try await accounts.user(named: adminName)
        guard admin.key != account.key else {
            throw GalleryError.badRequest("The admin of the new organization must be another user than '\(account.name)'.")
        }
        guard try await store.memberships(ofUser: account.key).isEmpty else {
            throw GalleryError.badRequest("'\(account.name)' is a member of an organization; leave it before transforming the account.")
        }
        var changes: [AccountChange] = []
        for var key in try await store.apiKeys(involving: account.key) where !key.revoked && key.userKey == account.key {
            key.revoked = true
            changes.append(.updateAPIKey(key))
            changes.append(audit.event(principal, "apikey.revoked", target: "apikey \(account.name)/\(key.name)", details: "account transformed"))
        }
        account.kind = .organization
        account.isSiteAdmin = false
        changes += [
            .updateUser(account),
            .setMembership(Membership(organizationKey: account.key, userKey: admin.key, role: .admin)),
            audit.event(principal, "user.transformed", target: "user \(account.name)", details: "organization with admin \(admin.name)"),
        ]
        try await store.apply(changes)
        return account
    }
}
