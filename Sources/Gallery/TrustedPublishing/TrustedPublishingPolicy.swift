public import Foundation

/// Which CI workflow may exchange its OIDC token for a short-lived API key (nuget.org's Trusted Publishing,
/// protocol §13). Owned by a user or an organization; the issued key acts for `ownerKey` as `creatorKey`.
public struct TrustedPublishingPolicy: Sendable, Equatable, Codable {
    /// The CI system and what its token must say.
    public enum Provider: Sendable, Equatable, Codable {
        /// GitHub Actions: repository owner and name, the workflow file (`release.yml`), optional environment.
        case gitHubActions(owner: String, repository: String, workflowFile: String, environment: String?)
        /// GitLab CI: the project's full path (`group/project`), optional environment and branch.
        case gitLab(projectPath: String, environment: String?, branch: String?)
        /// Any OIDC issuer (self-hosted CI): issuer URL, audience and claim values the token must carry.
        case oidc(issuer: String, audience: String, claims: [String: String])

        /// The `iss` a matching token carries.
        public var issuer: String {
            switch self {
            case .gitHubActions: "https://token.actions.githubusercontent.com"
            case .gitLab: "https://gitlab.com"
            case .oidc(let issuer, _, _): issuer
            }
        }
    }

    /// Assigned by the store.
    public var key: Int64
    /// The user or organization whose packages the issued keys may publish.
    public var ownerKey: Int64
    /// The user the issued keys act as (a member of `ownerKey` when it is an organization).
    public var creatorKey: Int64
    public var name: String
    public var provider: Provider
    /// The issued key's scopes (like an API key's).
    public var scopes: [APIKeyScope]
    /// The issued key's package globs; empty = every package of the owner.
    public var globs: [String]
    /// GitHub's `repository_owner_id` and `repository_id`, pinned by the first matching token so a
    /// re-created repository of the same name does not inherit the policy.
    public var pinnedOwnerID: String?
    public var pinnedRepositoryID: String?
    public var created: Date

    /// Creates a policy; `key` is assigned by the store.
    public init(
        key: Int64 = 0, ownerKey: Int64, creatorKey: Int64, name: String, provider: Provider, scopes: [APIKeyScope],
        globs: [String] = [], pinnedOwnerID: String? = nil, pinnedRepositoryID: String? = nil, created: Date
    ) {
        self.key = key
        self.ownerKey = ownerKey
        self.creatorKey = creatorKey
        self.name = name
        self.provider = provider
        self.scopes = scopes
        self.globs = globs
        self.pinnedOwnerID = pinnedOwnerID
        self.pinnedRepositoryID = pinnedRepositoryID
        self.created = created
    }
}
