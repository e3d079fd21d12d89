import Foundation

/// An organization as `/account/Organizations` and its members page show it.
public struct OrganizationOverview: Sendable {
    public let organization: User
    /// The viewer's role; nil when the viewer is only invited.
    public let role: OrganizationRole?
    public let members: [(user: User, role: OrganizationRole)]
    /// Pending invitations, with the invited user.
    public let invitations: [(request: MembershipRequest, user: User)]
    public let packageCount: Int
}

extension GalleryAdministration {
    /// Invites a user to an organization with a role (nuget.org's "Add member"); the user accepts or declines
    /// from Manage Organizations. Organization admins only.
    public func inviteMember(organizationName: String, userName: String, role: OrganizationRole, by principal: Principal) async throws -> User {
        let organization = try await accounts.organization(named: organizationName)
        try authorizer.check(principal, .manageMembers(organization: organization))
        let name = userName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw GalleryError.badRequest("Enter the username of the new member.") }
        guard !name.contains("@") else { throw GalleryError.badRequest("Enter a username, not an email address.") }
        let user = try await accounts.user(named: name)
        if try await store.members(ofOrganization: organization.key).contains(where: { $0.userKey == user.key }) {
            throw GalleryError.badRequest("'\(user.name)' is already a member of '\(organization.name)'.")
        }
        let request = MembershipRequest(
            organizationKey: organization.key, userKey: user.key, role: role, requesterKey: principal.user.key, created: clock.now())
        try await store.apply([
            .saveMembershipRequest(request),
            audit.event(principal, "member.invited", target: "organization \(organization.name)", details: "\(user.name) as \(role.rawValue)"),
        ])
        await notifier.membershipRequested(user, organization: organization, role: role, requester: principal.user)
        return user
    }

    /// The invited user accepts (becoming a member with the invited role, in one transaction) or declines;
    /// the organization's admins are mailed.
    public func answerInvitation(organizationName: String, accept: Bool, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: organizationName)
        guard let request = try await store.membershipRequests(ofUser: principal.user.key)
            .first(where: { $0.organizationKey == organization.key }) else {
            throw GalleryError.notFound("You have no pending invitation to '\(organization.name)'.")
        }
        var changes: [AccountChange] = [.deleteMembershipRequest(organizationKey: organization.key, userKey: principal.user.key)]
        if accept { changes.append(.setMembership(Membership(organizationKey: organization.key, userKey: principal.user.key, role: request.role))) }
        changes.append(audit.event(
            principal, accept ? "member.joined" : "member.declined", target: "organization \(organization.name)",
            details: "\(principal.user.name) as \(request.role.rawValue)"))
        try await store.apply(changes)
        await notifier.membershipAnswered(principal.user, organization: organization, accepted: accept)
    }

    /// An admin withdraws an invitation.
    public func cancelInvitation(organizationName: String, userName: String, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: organizationName)
        try authorizer.check(principal, .manageMembers(organization: organization))
        let user = try await accounts.user(named: userName)
        guard try await store.membershipRequests(ofOrganization: organization.key).contains(where: { $0.userKey == user.key }) else {
            throw GalleryError.notFound("'\(user.name)' has no pending invitation to '\(organization.name)'.")
        }
        try await store.apply([
            .deleteMembershipRequest(organizationKey: organization.key, userKey: user.key),
            audit.event(principal, "member.invitation-cancelled", target: "organization \(organization.name)", details: user.name),
        ])
    }

    /// Changes an existing member's role (demoting the last admin is refused by `addMember`).
    public func changeRole(organizationName: String, userName: String, role: OrganizationRole, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: organizationName)
        let user = try await accounts.user(named: userName)
        guard try await store.members(ofOrganization: organization.key).contains(where: { $0.userKey == user.key }) else {
            throw GalleryError.notFound("'\(user.name)' is not a member of '\(organization.name)'.")
        }
        try await addMember(organizationName: organization.name, userName: user.name, role: role, by: principal)
    }

    /// Deletes an organization as nuget.org allows it (`/account/delete/{org}`): only an admin, and only once the
    /// other members are removed and it owns no package (transfer them first), so no package loses its owner.
    /// The name stays reserved.
    public func deleteOrganization(name: String, by principal: Principal) async throws {
        let organization = try await accounts.organization(named: name)
        try authorizer.check(principal, .manageMembers(organization: organization))
        let others = try await store.members(ofOrganization: organization.key).filter { $0.userKey != principal.user.key }
        guard others.isEmpty else {
            throw GalleryError.badRequest("Remove the other members of '\(organization.name)' before deleting it.")
        }
        let owned = try await store.ownedLowerIDs(of: organization.key)
        guard owned.isEmpty else {
            throw GalleryError.badRequest(
                "'\(organization.name)' owns \(owned.count == 1 ? "a package" : "\(owned.count) packages"); transfer or remove its ownership before deleting it.")
        }
        var changes: [AccountChange] = []
        for invitation in try await store.membershipRequests(ofOrganization: organization.key) {
            changes.append(.deleteMembershipRequest(organizationKey: organization.key, userKey: invitation.userKey))
        }
        if !changes.isEmpty { try await store.apply(changes) }
        try await deleteAccount(name: organization.name, by: principal)
    }

    /// The organizations the principal belongs to or is invited to, with members and invitations.
    public func organizations(of principal: Principal) async throws -> [OrganizationOverview] {
        var keys: [(Int64, OrganizationRole?)] = principal.memberships.map { ($0.key, $0.value) }
        for invitation in try await store.membershipRequests(ofUser: principal.user.key) where principal.memberships[invitation.organizationKey] == nil {
            keys.append((invitation.organizationKey, nil))
        }
        var result: [OrganizationOverview] = []
        for (key, role) in keys {
            guard let organization = try await store.user(key: key), !organization.isDeleted else { continue }
            result.append(try await overview(organization, role: role))
        }
        return result.sorted { $0.organization.name.lowercased() < $1.organization.name.lowercased() }
    }

    /// One organization for a member (the members page); others get 403.
    public func organization(named name: String, by principal: Principal) async throws -> OrganizationOverview {
        let organization = try await accounts.organization(named: name)
        guard let role = principal.memberships[organization.key] ?? (principal.isSiteAdmin ? .admin : nil) else {
            throw GalleryError.forbidden("Only members of '\(organization.name)' may see its members.")
        }
        return try await overview(organization, role: role)
    }

    private func overview(_ organization: User, role: OrganizationRole?) async throws -> OrganizationOverview {
        var members: [(user: User, role: OrganizationRole)] = []
        for membership in try await store.members(ofOrganization: organization.key) {
            if let user = try await store.user(key: membership.userKey), !user.isDeleted { members.append((user: user, role: membership.role)) }
        }
        var invitations: [(request: MembershipRequest, user: User)] = []
        for request in try await store.membershipRequests(ofOrganization: organization.key) {
            if let user = try await store.user(key: request.userKey), !user.isDeleted { invitations.append((request: request, user: user)) }
        }
        return OrganizationOverview(
            organization: organization, role: role, members: members.sorted { $0.user.name.lowercased() < $1.user.name.lowercased() },
            invitations: invitations, packageCount: try await store.ownedLowerIDs(of: organization.key).count)
    }
}
