public import AsyncHTTPClient
public import Foundation
public import Gallery
import JWTKit
public import NIOCore
import NIOHTTP1
import Synchronization

/// The web sign-in's side of OpenID Connect: discovery and JWKS over AsyncHTTPClient (cached per issuer, with
/// short timeouts so a provider that is down answers a clear page fast), the token request with
/// `client_secret_basic` or `client_secret_post` and the PKCE verifier, and the ID token checked with jwt-kit:
/// signature by the issuer's keys, `iss`, `aud`, `exp`, `nonce`.
public final class OIDCRelyingParty: OpenIDClient {
    let http: HTTPClient
    let clock: any GalleryClock
    let leeway: TimeInterval
    /// How long one request to a provider may take.
    let timeout: TimeAmount
    /// How long discovery and keys are trusted before they are fetched again.
    let cacheLifetime: TimeInterval = 3_600

    struct Endpoints {
        var authorization: String
        var token: String
        var jwks: String
    }

    private let endpoints = Mutex<[String: (Endpoints, fetched: Date)]>([:])
    private let keys = Mutex<[String: (JWTKeyCollection, fetched: Date)]>([:])

    /// Unlike `HTTPClient.shared` it does not retry a refused connection until the request's deadline: a
    /// provider that is down must answer the person at once. Lives as long as the process.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(3)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Creates a relying party fetching with `http`.
    public init(http: HTTPClient = OIDCRelyingParty.sharedClient, clock: any GalleryClock, leeway: TimeInterval = 60, timeout: TimeAmount = .seconds(5)) {
        self.http = http
        self.clock = clock
        self.leeway = leeway
        self.timeout = timeout
    }

    public func authorizationURL(
        provider: OpenIDProvider, redirectURI: String, state: String, nonce: String, codeChallenge: String
    ) async throws -> String {
        let found = try await discover(provider.issuer)
        guard var components = URLComponents(string: found.authorization) else {
            throw GalleryError.unavailable("\(provider.name) published an authorization endpoint that is not a URL.")
        }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: provider.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: "openid email profile"),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: nonce),
            URLQueryItem(name: "code_challenge", value: codeChallenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        return components.string ?? found.authorization
    }

    public func identity(
        provider: OpenIDProvider, code: String, redirectURI: String, codeVerifier: String, nonce: String
    ) async throws -> OpenIDIdentity {
        let found = try await discover(provider.issuer)
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", codeVerifier)]
        var request = HTTPClientRequest(url: found.token)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        switch provider.clientAuthentication {
        case .basic:
            // RFC 6749 §2.3.1: each part form-encoded before joining.
            let credentials = Self.formEncode(provider.clientID) + ":" + Self.formEncode(provider.clientSecret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        case .post:
            fields += [("client_id", provider.clientID), ("client_secret", provider.clientSecret)]
        }
        request.body = .bytes(ByteBuffer(string: fields.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")))
        let (status, body) = try await send(request, what: provider.name)
        guard status == .ok else {
            throw GalleryError.unauthorized("\(provider.name) did not accept the sign-in (its token endpoint answered \(status.code)).")
        }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let idToken = object["id_token"] as? String else {
            throw GalleryError.unauthorized("\(provider.name) answered without an ID token.")
        }
        return try await verify(idToken, provider: provider, nonce: nonce)
    }

    /// Checks an ID token: signature (fetching the keys again once for an unknown key id), issuer, audience,
    /// expiry, not-before and nonce.
    func verify(_ token: String, provider: OpenIDProvider, nonce: String) async throws -> OpenIDIdentity {
        let claims: CIClaims
        do {
            claims = try await keyCollection(provider.issuer, refresh: false).verify(token, as: CIClaims.self)
        } catch let error as GalleryError {
            throw error
        } catch {
            do {
                claims = try await keyCollection(provider.issuer, refresh: true).verify(token, as: CIClaims.self)
            } catch let error as GalleryError {
                throw error
            } catch {
                throw GalleryError.unauthorized("The ID token from \(provider.name) does not verify with its keys.")
            }
        }
        let now = clock.now()
        guard Self.sameIssuer(claims.strings["iss"], provider.issuer) else {
            throw GalleryError.unauthorized("The ID token was not issued by \(provider.name).")
        }
        guard claims.audiences.contains(provider.clientID) else {
            throw GalleryError.unauthorized("The ID token from \(provider.name) is meant for another application.")
        }
        guard let expires = claims.expires, expires.addingTimeInterval(leeway) > now else {
            throw GalleryError.unauthorized("The ID token from \(provider.name) has expired.")
        }
        if let notBefore = claims.notBefore, notBefore.addingTimeInterval(-leeway) > now {
            throw GalleryError.unauthorized("The ID token from \(provider.name) is not valid yet.")
        }
        guard let tokenNonce = claims.strings["nonce"], tokenNonce == nonce else {
            throw GalleryError.unauthorized("The ID token from \(provider.name) does not answer this sign-in (nonce).")
        }
        guard let subject = claims.strings["sub"], !subject.isEmpty, subject.count <= 255 else {
            throw GalleryError.unauthorized("The ID token from \(provider.name) names nobody.")
        }
        let verified = claims.booleans["email_verified"] ?? (claims.strings["email_verified"] == "true")
        return OpenIDIdentity(
            issuer: claims.strings["iss"] ?? provider.issuer, subject: subject, email: claims.strings["email"],
            emailVerified: verified, preferredUsername: claims.strings["preferred_username"] ?? claims.strings["nickname"])
    }

    /// Issuers compare exactly, but a configured trailing slash is forgiven.
    static func sameIssuer(_ claimed: String?, _ configured: String) -> Bool {
        guard let claimed else { return false }
        func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
        return trimmed(claimed) == trimmed(configured)
    }

    private func discover(_ issuer: String) async throws -> Endpoints {
        let now = clock.now()
        if let (cached, fetched) = endpoints.withLock({ $0[issuer] }), now.timeIntervalSince(fetched) < cacheLifetime { return cached }
        guard OIDCTokenVerifier.isAllowedIssuer(issuer) else {
            throw GalleryError.unavailable("The issuer '\(issuer)' must be an https:// URL.")
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let (status, body) = try await send(HTTPClientRequest(url: "\(base)/.well-known/openid-configuration"), what: issuer)
        guard status == .ok, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let authorization = object["authorization_endpoint"] as? String, let token = object["token_endpoint"] as? String,
              let jwks = object["jwks_uri"] as? String,
              [authorization, token, jwks].allSatisfy(OIDCTokenVerifier.isAllowedIssuer)
        else { throw GalleryError.unavailable("The sign-in provider '\(issuer)' has no usable discovery document.") }
        let found = Endpoints(authorization: authorization, token: token, jwks: jwks)
        endpoints.withLock { $0[issuer] = (found, now) }
        return found
    }

    private func keyCollection(_ issuer: String, refresh: Bool) async throws -> JWTKeyCollection {
        let now = clock.now()
        if let (cached, fetched) = keys.withLock({ $0[issuer] }),
           now.timeIntervalSince(fetched) < (refresh ? 30 : cacheLifetime) { return cached }
        let found = try await discover(issuer)
        let (status, body) = try await send(HTTPClientRequest(url: found.jwks), what: issuer)
        let collection = JWTKeyCollection()
        do {
            guard status == .ok else { throw GalleryError.unavailable("") }
            try await collection.add(jwksJSON: String(decoding: body, as: UTF8.self))
        } catch {
            throw GalleryError.unavailable("The keys of the sign-in provider '\(issuer)' could not be read.")
        }
        keys.withLock { $0[issuer] = (collection, now) }
        return collection
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws -> (HTTPResponseStatus, Data) {
        do {
            let response = try await http.execute(request, timeout: timeout)
            return (response.status, Data(try await response.body.collect(upTo: 1 << 20).readableBytesView))
        } catch {
            throw GalleryError.unavailable("The sign-in provider '\(what)' cannot be reached right now. Try again later.")
        }
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
