public import Foundation

/// Trusted-publishing policies and the token ids already exchanged (each CI token is accepted once).
public protocol TrustedPublishingStore: Sendable {
    /// Stores a new policy with `audit` in one transaction; returns it with its key.
    func createPublishingPolicy(_ policy: TrustedPublishingPolicy, audit: [AuditEvent]) async throws -> TrustedPublishingPolicy
    /// Every policy owned by an account, oldest first.
    func publishingPolicies(ownedBy ownerKey: Int64) async throws -> [TrustedPublishingPolicy]
    /// One policy, or nil.
    func publishingPolicy(key: Int64) async throws -> TrustedPublishingPolicy?
    /// Deletes a policy with `audit`; false when there was none.
    func deletePublishingPolicy(key: Int64, audit: [AuditEvent]) async throws -> Bool
    /// Pins the GitHub ids of a policy that has none yet; false when it was pinned meanwhile (compare again).
    func pinPublishingPolicy(key: Int64, ownerID: String, repositoryID: String) async throws -> Bool
    /// Records a token id (`jti`) until `expires`; false when it was used before (a replay).
    func useTokenID(_ jti: String, expires: Date) async throws -> Bool
}
