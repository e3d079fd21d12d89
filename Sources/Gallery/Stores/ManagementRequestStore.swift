/// Pending ownership and membership invitations (schema step 10). Writes are `AccountChange`s
/// (`saveOwnershipRequest`, `deleteOwnershipRequest`, `saveMembershipRequest`, `deleteMembershipRequest`), so
/// accepting an invitation and the ownership or membership it grants commit in one transaction.
public protocol ManagementRequestStore: Sendable {
    /// Pending ownership requests for one package, oldest first.
    func ownershipRequests(ofLowerID lowerID: String) async throws -> [OwnershipRequest]
    /// Pending ownership requests an account received or sent, oldest first.
    func ownershipRequests(involving accountKey: Int64) async throws -> [OwnershipRequest]
    /// Pending invitations to one organization, oldest first.
    func membershipRequests(ofOrganization organizationKey: Int64) async throws -> [MembershipRequest]
    /// Pending invitations a user received, oldest first.
    func membershipRequests(ofUser userKey: Int64) async throws -> [MembershipRequest]
}
