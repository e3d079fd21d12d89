/// A member's role in an organization (nuget.org: admins manage members and packages; collaborators
/// manage packages only).
public enum OrganizationRole: String, Sendable, Codable, CaseIterable {
    case admin
    case collaborator
}

/// One user's membership of one organization.
public struct Membership: Sendable, Equatable, Codable {
    public var organizationKey: Int64
    public var userKey: Int64
    public var role: OrganizationRole

    /// Creates a membership.
    public init(organizationKey: Int64, userKey: Int64, role: OrganizationRole) {
        self.organizationKey = organizationKey
        self.userKey = userKey
        self.role = role
    }
}
