public import Foundation

/// One write to accounts, memberships, keys, ownership, reservations, render marks or the audit log.
///
/// The domain decides *what* changes (every rule lives in Gallery); a store only applies a list of
/// changes in one transaction (`AccountStore.apply`), so an action and its audit event, or an ownership
/// change and its dirty mark, are committed together or not at all.
public enum AccountChange: Sendable, Equatable {
    /// Rewrites an account's email, site-admin flag, kind and deleted mark (names never change).
    case updateUser(User)
    /// Adds a member or changes its role.
    case setMembership(Membership)
    /// Removes a membership (no-op when absent).
    case removeMembership(organizationKey: Int64, userKey: Int64)
    /// Rewrites a key's hash, revoked flag, created/expiry, reminder mark and package selection (globs and ids).
    case updateAPIKey(APIKeyRecord)
    /// Deletes a key record (no-op when absent); revoking keeps the record, deleting does not.
    case deleteAPIKey(key: Int64)
    /// Makes an account an owner of a lower id (no-op when it already is). Does not mark the id dirty by itself.
    case addOwner(accountKey: Int64, lowerID: String)
    /// Removes an owner of a lower id (no-op when absent). Does not mark the id dirty by itself.
    case removeOwner(accountKey: Int64, lowerID: String)
    /// Creates or replaces the reservation with the same lower pattern.
    case saveReservation(PrefixReservation)
    /// Deletes a reservation by lower pattern (no-op when absent).
    case deleteReservation(lowerPattern: String)
    /// Creates or replaces the pending ownership request for (lower id, account).
    case saveOwnershipRequest(OwnershipRequest)
    /// Deletes a pending ownership request (no-op when absent).
    case deleteOwnershipRequest(lowerID: String, accountKey: Int64)
    /// Creates or replaces the pending invitation of a user to an organization.
    case saveMembershipRequest(MembershipRequest)
    /// Deletes a pending invitation (no-op when absent).
    case deleteMembershipRequest(organizationKey: Int64, userKey: Int64)
    /// Marks ids dirty so every node re-renders them.
    case markDirty([String])
    /// Appends an audit event.
    case audit(AuditEvent)
}
