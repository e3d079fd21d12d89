public import Foundation

/// A pending invitation to become an owner of a package (nuget.org's "pending approval" owner row): the invited
/// account accepts or declines it, an owner may cancel it. Nothing changes ownership until it is accepted.
public struct OwnershipRequest: Sendable, Equatable {
    /// The package, lowercased.
    public var lowerID: String
    /// The invited account (a user, or an organization whose admins answer).
    public var accountKey: Int64
    /// The owner who asked.
    public var requesterKey: Int64
    /// The requester's message, mailed with the request.
    public var message: String
    public var created: Date

    /// Creates a request.
    public init(lowerID: String, accountKey: Int64, requesterKey: Int64, message: String, created: Date) {
        self.lowerID = lowerID
        self.accountKey = accountKey
        self.requesterKey = requesterKey
        self.message = message
        self.created = created
    }
}

/// A pending invitation to join an organization with a role; the invited user accepts or declines it,
/// an organization admin may cancel it.
public struct MembershipRequest: Sendable, Equatable {
    public var organizationKey: Int64
    public var userKey: Int64
    public var role: OrganizationRole
    /// The admin who invited.
    public var requesterKey: Int64
    public var created: Date

    /// Creates a request.
    public init(organizationKey: Int64, userKey: Int64, role: OrganizationRole, requesterKey: Int64, created: Date) {
        self.organizationKey = organizationKey
        self.userKey = userKey
        self.role = role
        self.requesterKey = requesterKey
        self.created = created
    }
}
