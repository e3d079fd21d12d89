public import Foundation

/// One OpenID Connect provider people may sign in with (Keycloak, Entra ID, Google, GitLab, Authentik...).
public struct OpenIDProvider: Sendable, Equatable {
    /// How the client authenticates at the token endpoint.
    public enum ClientAuthentication: String, Sendable {
        /// HTTP Basic with the client id and secret (`client_secret_basic`, the default of the specification).
        case basic = "client_secret_basic"
        /// The id and secret in the form body (`client_secret_post`).
        case post = "client_secret_post"
    }

    /// A short name for forms and URLs, unique among the providers.
    public let id: String
    /// The button's "Sign in with NAME".
    public let name: String
    /// The issuer URL; discovery is `{issuer}/.well-known/openid-configuration`.
    public let issuer: String
    public let clientID: String
    public let clientSecret: String
    public let clientAuthentication: ClientAuthentication

    public init(id: String, name: String, issuer: String, clientID: String, clientSecret: String,
                clientAuthentication: ClientAuthentication = .basic) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientAuthentication = clientAuthentication
    }
}

/// The person an ID token names, after its signature, issuer, audience, expiry and nonce were checked.
public struct OpenIDIdentity: Sendable, Equatable {
    public let issuer: String
    public let subject: String
    public let email: String?
    /// The provider vouches for the email (`email_verified`).
    public let emailVerified: Bool
    /// A username suggestion (`preferred_username`, else `nickname`).
    public let preferredUsername: String?

    public init(issuer: String, subject: String, email: String?, emailVerified: Bool, preferredUsername: String?) {
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.preferredUsername = preferredUsername
    }
}

/// The relying party's side of the authorization-code flow, over HTTP (the OIDC module implements it).
/// Errors: `GalleryError.unavailable` when the provider cannot be reached, `.unauthorized` when its answer
/// or the ID token does not verify.
public protocol OpenIDClient: Sendable {
    /// The provider's authorization URL with `response_type=code`, `scope=openid email profile`, the state,
    /// the nonce and the PKCE S256 challenge.
    func authorizationURL(
        provider: OpenIDProvider, redirectURI: String, state: String, nonce: String, codeChallenge: String
    ) async throws -> String
    /// Redeems the code at the token endpoint (with the PKCE verifier) and verifies the ID token it returns.
    func identity(
        provider: OpenIDProvider, code: String, redirectURI: String, codeVerifier: String, nonce: String
    ) async throws -> OpenIDIdentity
}
