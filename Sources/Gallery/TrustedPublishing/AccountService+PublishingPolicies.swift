import Foundation

extension AccountService {
    /// Creates a trusted-publishing policy owned by `ownerName` (a user, or an organization `creatorName` belongs
    /// to) whose keys act as `creatorName`; the same rule as creating an API key for that owner.
    public func createPublishingPolicy(
        creatorName: String, ownerName: String? = nil, name: String, provider: TrustedPublishingPolicy.Provider,
        scopes: [APIKeyScope], globs: [String] = [], by principal: Principal
    ) async throws -> TrustedPublishingPolicy {
        let creator = try await user(named: creatorName)
        var owner = creator
        if let ownerName, ownerName.lowercased() != creator.name.lowercased() {
            owner = try await organization(named: ownerName)
            guard try await store.members(ofOrganization: owner.key).contains(where: { $0.userKey == creator.key }) else {
                throw GalleryError.forbidden("'\(creator.name)' is not a member of the organization '\(owner.name)'.")
            }
        }
        try authorizer.check(principal, .manageAPIKeys(owner: owner, creator: creator))
        guard !name.isEmpty, name.count <= 64 else { throw GalleryError.badRequest("A policy name has 1 to 64 characters.") }
        guard !scopes.isEmpty else { throw GalleryError.badRequest("A policy needs at least one scope.") }
        try Self.checkProvider(provider)
        let policy = TrustedPublishingPolicy(
            ownerKey: owner.key, creatorKey: creator.key, name: name, provider: provider, scopes: scopes, globs: globs,
            created: clock.now())
        let audit = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "publishing-policy.created",
            target: "account \(owner.name)", details: name)
        return try await store.createPublishingPolicy(policy, audit: [audit])
    }

    /// The policies of a user or organization.
    public func publishingPolicies(ownerName: String, by principal: Principal) async throws -> [TrustedPublishingPolicy] {
        guard let owner = try await store.user(named: ownerName), !owner.isDeleted else {
            throw GalleryError.notFound("No account named '\(ownerName)'.")
        }
        try authorizer.check(principal, .manageAPIKeys(owner: owner, creator: principal.user))
        return try await store.publishingPolicies(ownedBy: owner.key)
    }

    /// Removes a policy; keys it issued expire on their own within minutes.
    public func removePublishingPolicy(key: Int64, by principal: Principal) async throws {
        guard let policy = try await store.publishingPolicy(key: key),
              let owner = try await store.user(key: policy.ownerKey), let creator = try await store.user(key: policy.creatorKey) else {
            throw GalleryError.notFound("No trusted publishing policy \(key).")
        }
        try authorizer.check(principal, .manageAPIKeys(owner: owner, creator: creator))
        let audit = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "publishing-policy.removed",
            target: "account \(owner.name)", details: policy.name)
        _ = try await store.deletePublishingPolicy(key: key, audit: [audit])
    }

    static func checkProvider(_ provider: TrustedPublishingPolicy.Provider) throws {
        switch provider {
        case .gitHubActions(let owner, let repository, let workflowFile, _):
            guard !owner.isEmpty, !repository.isEmpty, workflowFile.hasSuffix(".yml") || workflowFile.hasSuffix(".yaml") else {
                throw GalleryError.badRequest("A GitHub policy needs the owner, the repository and a workflow file (release.yml).")
            }
        case .gitLab(let projectPath, _, _):
            guard projectPath.contains("/") else { throw GalleryError.badRequest("A GitLab policy needs the project path (group/project).") }
        case .oidc(let issuer, let audience, _):
            guard let url = URL(string: issuer), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost",
                  !audience.isEmpty else {
                throw GalleryError.badRequest("An OIDC policy needs an https:// issuer and an audience.")
            }
        }
    }
}
