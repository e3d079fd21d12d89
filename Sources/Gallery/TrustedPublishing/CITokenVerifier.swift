public import Foundation

/// A CI system's OIDC token whose signature, issuer, audience and lifetime were checked.
public struct VerifiedCIToken: Sendable, Equatable {
    public var issuer: String
    /// Every string-valued claim (`repository`, `job_workflow_ref`, `project_path`, …).
    public var claims: [String: String]
    /// `jti`: the token is exchanged once.
    public var tokenID: String
    public var expires: Date

    /// Creates a verified token.
    public init(issuer: String, claims: [String: String], tokenID: String, expires: Date) {
        self.issuer = issuer
        self.claims = claims
        self.tokenID = tokenID
        self.expires = expires
    }
}

/// Checks CI tokens (the OIDC module does it with the issuer's discovery document and keys).
public protocol CITokenVerifier: Sendable {
    /// The unverified `iss` of a token (to choose policies), or nil when it is not a JWT.
    func issuer(of token: String) -> String?
    /// Verifies signature, issuer, audience, expiry and not-before; throws `GalleryError.unauthorized` saying why.
    func verify(_ token: String, issuer: String, audience: String) async throws -> VerifiedCIToken
}
