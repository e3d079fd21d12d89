public import Foundation
import Crypto
import Hummingbird
import JWTKit
import Logging
import NIOCore
import Synchronization

/// A small OIDC issuer on 127.0.0.1 of the tests' own: serves discovery and JWKS and signs GitHub-shaped CI
/// tokens for trusted publishing, and is a full authorization server for web sign-in: `approve` answers an
/// authorization request (as a person clicking "allow" would), `/token` redeems a code once, only with the PKCE
/// verifier that matches its S256 challenge and the client's secret (basic or post). Never touches the internet.
public struct TestOIDCIssuer: Sendable {
    public let url: String
    let signer: JWTKeyCollection
    let state: StateBox
    static let kid = "pallet-test-1"
    /// The client the relying party must authenticate as.
    public static let clientID = "pallet-web", clientSecret = "s3cret with spaces & symbols"

    /// Who the next approval signs in, and how the tests break its ID token.
    public struct Login: Sendable {
        public var subject: String
        public var email: String?
        public var emailVerified: Bool
        public var preferredUsername: String?
        /// Overrides for the refusal tests.
        public var audience: String? = nil
        public var nonce: String? = nil
        public var expiresIn: Int = 300

        public init(subject: String, email: String? = nil, emailVerified: Bool = true, preferredUsername: String? = nil) {
            self.subject = subject
            self.email = email
            self.emailVerified = emailVerified
            self.preferredUsername = preferredUsername
        }
    }

    struct Grant {
        let clientID: String
        let redirectURI: String
        let challenge: String
        let nonce: String
        let login: Login
    }

    /// Codes and refusals, shared by every copy of the issuer and its routes.
    final class StateBox: Sendable {
        let mutex = Mutex(AuthorizationState())
    }

    struct AuthorizationState {
        var codes: [String: Grant] = [:]
        /// Token requests refused, with the reason (the tests read them).
        var refusals: [String] = []
    }

    /// Claims of one token: strings as given, numbers for the registered dates.
    struct Claims: JWTPayload {
        var strings: [String: String]
        var numbers: [String: Int]
        var booleans: [String: Bool] = [:]
        var audience: String

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(strings: [String: String], numbers: [String: Int], booleans: [String: Bool] = [:], audience: String) {
            self.strings = strings
            self.numbers = numbers
            self.booleans = booleans
            self.audience = audience
        }

        init(from decoder: any Decoder) throws { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "sign only")) }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in strings { try container.encode(value, forKey: Key(name)) }
            for (name, value) in numbers { try container.encode(value, forKey: Key(name)) }
            for (name, value) in booleans { try container.encode(value, forKey: Key(name)) }
            try container.encode(audience, forKey: Key("aud"))
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A GitHub Actions token for `repository` (owner/name) and `workflow`, valid for 5 minutes.
    public func gitHubToken(
        repository: String = "contoso/utils", workflow: String = "release.yml", audience: String, jti: String = UUID().uuidString,
        expiresIn: Int = 300, extra: [String: String] = [:]
    ) async throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var strings = [
            "iss": url, "jti": jti, "sub": "repo:\(repository):ref:refs/heads/main", "repository": repository,
            "repository_owner": String(repository.split(separator: "/")[0]), "repository_owner_id": "42", "repository_id": "4242",
            "job_workflow_ref": "\(repository)/.github/workflows/\(workflow)@refs/heads/main", "event_name": "push",
        ]
        strings.merge(extra) { $1 }
        return try await signer.sign(
            Claims(strings: strings, numbers: ["iat": now, "nbf": now - 5, "exp": now + expiresIn], audience: audience), kid: JWKIdentifier(string: Self.kid))
    }

    /// Answers an authorization request for `login`: the redirect back to the relying party (`redirect_uri` with
    /// `code` and `state`). Refuses a request without an S256 challenge, as a provider enforcing PKCE does.
    public func approve(_ authorizationURL: String, as login: Login) throws -> String {
        guard let components = URLComponents(string: authorizationURL), authorizationURL.hasPrefix(url + "/authorize?") else {
            throw TestIssuerError("not this issuer's authorization URL: \(authorizationURL)")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value }
        guard query["response_type"] == "code", let clientID = query["client_id"], let redirectURI = query["redirect_uri"],
              let state = query["state"], let nonce = query["nonce"], let challenge = query["code_challenge"],
              query["code_challenge_method"] == "S256", query["scope"]?.split(separator: " ").contains("openid") == true
        else { throw TestIssuerError("incomplete authorization request: \(query)") }
        let code = UUID().uuidString
        self.state.mutex.withLock {
            $0.codes[code] = Grant(clientID: clientID, redirectURI: redirectURI, challenge: challenge, nonce: nonce, login: login)
        }
        var back = URLComponents(string: redirectURI)!
        back.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
        return back.string!
    }

    /// The token requests this issuer refused, with their reasons.
    public var refusals: [String] { state.mutex.withLock { $0.refusals } }

    /// Redeems a code (once), checking the client and PKCE (what `/token` answers): the ID token, or nil with the
    /// refusal recorded.
    public func redeem(form: [String: String], authorization: String?) async throws -> String? {
        func refuse(_ reason: String) -> String? {
            state.mutex.withLock { $0.refusals.append(reason) }
            return nil
        }
        var clientID = form["client_id"], secret = form["client_secret"]
        if let authorization, authorization.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }) {
            let parts = decoded.split(separator: ":", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { clientID = parts[0]; secret = parts[1] }
        }
        guard clientID == Self.clientID, secret == Self.clientSecret else { return refuse("client authentication") }
        guard form["grant_type"] == "authorization_code", let code = form["code"] else { return refuse("grant") }
        guard let grant = state.mutex.withLock({ $0.codes.removeValue(forKey: code) }) else { return refuse("unknown or used code") }
        guard grant.clientID == clientID, grant.redirectURI == form["redirect_uri"] else { return refuse("redirect_uri") }
        let verifier = form["code_verifier"] ?? ""
        let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        guard !verifier.isEmpty, challenge == grant.challenge else { return refuse("PKCE verifier") }
        let login = grant.login, now = Int(Date().timeIntervalSince1970)
        var strings = ["iss": url, "sub": login.subject, "nonce": login.nonce ?? grant.nonce]
        if let email = login.email { strings["email"] = email }
        if let name = login.preferredUsername { strings["preferred_username"] = name }
        return try await signer.sign(
            Claims(strings: strings, numbers: ["iat": now, "exp": now + login.expiresIn], booleans: ["email_verified": login.emailVerified],
                   audience: login.audience ?? Self.clientID),
            kid: JWKIdentifier(string: Self.kid))
    }

    /// Runs an issuer for the duration of `body`.
    public static func with<T: Sendable>(_ body: @Sendable (TestOIDCIssuer) async throws -> T) async throws -> T {
        let key = ES256PrivateKey()
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        let parameters = key.publicKey.parameters!
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"\#(kid)","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let base = Mutex<String>("")
        let issuerBox = Mutex<TestOIDCIssuer?>(nil)
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ -> Response in
            let url = base.withLock { $0 }
            let body = #"{"issuer":"\#(url)","jwks_uri":"\#(url)/jwks","authorization_endpoint":"\#(url)/authorize","token_endpoint":"\#(url)/token","code_challenge_methods_supported":["S256"]}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/jwks") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: jwks)))
        }
        router.post("/token") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 64 * 1024))
            var form: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
                if parts.count == 2 { form[parts[0]] = parts[1] }
            }
            guard let issuer = issuerBox.withLock({ $0 }),
                  let token = try await issuer.redeem(form: form, authorization: request.headers[.authorization]) else {
                return Response(status: .badRequest, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_grant"}"#)))
            }
            let body = #"{"access_token":"unused","token_type":"Bearer","expires_in":300,"id_token":"\#(token)"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        var logger = Logger(label: "test-oidc-issuer")
        // Cancelling the server at the end logs "child channel" errors that mean nothing here.
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let url = "http://127.0.0.1:\(port)"
            base.withLock { $0 = url }
            let issuer = TestOIDCIssuer(url: url, signer: signer, state: StateBox())
            issuerBox.withLock { $0 = issuer }
            defer { group.cancelAll() }
            return try await body(issuer)
        }
    }
}

/// An authorization request the test issuer refuses.
public struct TestIssuerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
