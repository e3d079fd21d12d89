public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func createPublishingPolicy(_ policy: TrustedPublishingPolicy, audit: [AuditEvent]) async throws -> TrustedPublishingPolicy {
        try write { state in
            try state.requireAccounts([policy.ownerKey, policy.creatorKey])
            var created = policy
            created.key = state.nextPolicyKey
            state.nextPolicyKey += 1
            state.publishingPolicies[created.key] = created
            state.appendAudit(audit)
            return created
        }
    }

    public func publishingPolicies(ownedBy ownerKey: Int64) async throws -> [TrustedPublishingPolicy] {
        try read { state in state.publishingPolicies.values.filter { $0.ownerKey == ownerKey }.sorted { $0.key < $1.key } }
    }

    public func publishingPolicy(key: Int64) async throws -> TrustedPublishingPolicy? {
        try read { $0.publishingPolicies[key] }
    }

    public func deletePublishingPolicy(key: Int64, audit: [AuditEvent]) async throws -> Bool {
        try write { state in
            guard state.publishingPolicies.removeValue(forKey: key) != nil else { return false }
            state.appendAudit(audit)
            return true
        }
    }

    public func pinPublishingPolicy(key: Int64, ownerID: String, repositoryID: String) async throws -> Bool {
        try write { state in
            guard let policy = state.publishingPolicies[key], policy.pinnedOwnerID == nil else { return false }
            state.publishingPolicies[key]?.pinnedOwnerID = ownerID
            state.publishingPolicies[key]?.pinnedRepositoryID = repositoryID
            return true
        }
    }

    public func useTokenID(_ jti: String, expires: Date) async throws -> Bool {
        let now = clock.now()
        return try write { state in
            state.usedTokenIDs = state.usedTokenIDs.filter { $0.value >= now }
            guard state.usedTokenIDs[jti] == nil else { return false }
            state.usedTokenIDs[jti] = expires
            return true
        }
    }
}
