public import Foundation
public import Logging

/// nuget.org's Trusted Publishing token exchange (protocol §13): a CI workflow's OIDC token, checked against
/// the policies of the account it names, becomes a short-lived API key with the policy's scopes and globs.
public struct TrustedPublishing: Sendable {
    /// Names of issued keys start with this; the authenticator turns such keys into `.trustedPublishing`
    /// principals (audited as such, never warned about expiry).
    public static let keyNamePrefix = "trusted-publishing:"

    let store: any MetadataStore
    let verifier: any CITokenVerifier
    let clock: any GalleryClock
    /// The audience GitHub and GitLab tokens must carry (the `audience` input of the `NuGet/login` action).
    public let audience: String
    /// How long an issued key lives.
    public let keyLifetime: TimeInterval
    let logger: Logger

    /// Creates the exchange. `audience` is what the workflows request; `keyLifetime` defaults to 15 minutes.
    public init(
        store: any MetadataStore, verifier: any CITokenVerifier, clock: any GalleryClock, audience: String,
        keyLifetime: TimeInterval = 15 * 60, logger: Logger
    ) {
        self.store = store
        self.verifier = verifier
        self.clock = clock
        self.audience = audience
        self.keyLifetime = keyLifetime
        self.logger = logger
    }

    /// The issued key.
    public struct IssuedKey: Sendable {
        public let secret: String
        public let expires: Date
        public let record: APIKeyRecord
    }

    /// Exchanges `token` for a key of `username`'s policy that accepts it. Every refusal is `unauthorized`
    /// (401) except a bad `tokenType` (400).
    public func exchange(token: String, username: String, tokenType: String) async throws -> IssuedKey {
        guard tokenType == "ApiKey" else {
            throw GalleryError.badRequest("The token type '\(tokenType)' is not supported; use 'ApiKey'.")
        }
        guard let issuer = verifier.issuer(of: token) else {
            throw GalleryError.unauthorized("The bearer token is not a JWT.")
        }
        guard let owner = try await store.user(named: username), !owner.isDeleted else {
            throw GalleryError.unauthorized("No trusted publishing policy of '\(username)' accepts this token.")
        }
        let candidates = try await store.publishingPolicies(ownedBy: owner.key)
            .filter { Self.sameIssuer($0.provider.issuer, issuer) }
        guard !candidates.isEmpty else {
            throw GalleryError.unauthorized("No trusted publishing policy of '\(owner.name)' accepts tokens from '\(issuer)'.")
        }
        var mismatches: [String] = []
        var verified: [String: VerifiedCIToken] = [:]
        for policy in candidates {
            let audience = policyAudience(policy)
            let checked: VerifiedCIToken
            if let cached = verified[audience] {
                checked = cached
            } else {
                checked = try await verifier.verify(token, issuer: policy.provider.issuer, audience: audience)
                verified[audience] = checked
            }
            switch policy.match(checked.claims) {
            case .mismatch(let why):
                mismatches.append("\(policy.name): \(why)")
            case .matches(let pin):
                if let pin, !(try await store.pinPublishingPolicy(key: policy.key, ownerID: pin.ownerID, repositoryID: pin.repositoryID)) {
                    // Pinned by a concurrent exchange: compare with what it pinned.
                    guard let current = try await store.publishingPolicy(key: policy.key), case .matches = current.match(checked.claims) else {
                        mismatches.append("\(policy.name): the repository ids differ from the pinned ones.")
                        continue
                    }
                }
                return try await issue(for: policy, token: checked, owner: owner)
            }
        }
        throw GalleryError.unauthorized("No trusted publishing policy of '\(owner.name)' accepts this token (\(mismatches.joined(separator: " ")))")
    }

    private func issue(for policy: TrustedPublishingPolicy, token: VerifiedCIToken, owner: User) async throws -> IssuedKey {
        guard try await store.useTokenID(token.tokenID, expires: token.expires) else {
            throw GalleryError.unauthorized("This token was already exchanged; each CI token is accepted once.")
        }
        let now = clock.now()
        let secret = APIKeySecret.generate()
        let record = APIKeyRecord(
            key: 0, userKey: policy.creatorKey, ownerKey: policy.ownerKey,
            name: "\(Self.keyNamePrefix)\(policy.name):\(token.tokenID.prefix(12))",
            secretHash: APIKeySecret.hash(secret), scopes: policy.scopes, globs: policy.globs,
            created: now, expires: now.addingTimeInterval(keyLifetime))
        let audit = AuditEvent(
            time: now, actor: "\(owner.name) (trusted publishing)", action: "apikey.issued",
            target: "policy \(policy.name)", details: token.claims["repository"] ?? token.claims["project_path"] ?? token.claims["sub"] ?? "")
        let created = try await store.createAPIKey(record, audit: [audit])
        logger.info("trusted publishing key issued", metadata: ["policy": "\(policy.name)", "owner": "\(owner.name)"])
        return IssuedKey(secret: secret, expires: created.expires ?? now.addingTimeInterval(keyLifetime), record: created)
    }

    private func policyAudience(_ policy: TrustedPublishingPolicy) -> String {
        if case .oidc(_, let audience, _) = policy.provider { return audience }
        return audience
    }

    static func sameIssuer(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        return trimmed(a) == trimmed(b)
    }
}
