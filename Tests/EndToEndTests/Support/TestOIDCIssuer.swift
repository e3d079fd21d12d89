import Foundation
import Hummingbird
import JWTKit
import Logging
import NIOCore
import Synchronization

/// A small OIDC issuer on 127.0.0.1 for trusted-publishing tests: serves the discovery document and its
/// JWKS, and signs GitHub-shaped tokens with an ES256 key it made. Never touches the internet.
struct TestOIDCIssuer: Sendable {
    let url: String
    let signer: JWTKeyCollection
    static let kid = "pallet-test-1"

    /// Claims of one token: strings as given, numbers for the registered dates.
    struct Claims: JWTPayload {
        var strings: [String: String]
        var numbers: [String: Int]
        var audience: String

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(strings: [String: String], numbers: [String: Int], audience: String) {
            self.strings = strings
            self.numbers = numbers
            self.audience = audience
        }

        init(from decoder: any Decoder) throws { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "sign only")) }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in strings { try container.encode(value, forKey: Key(name)) }
            for (name, value) in numbers { try container.encode(value, forKey: Key(name)) }
            try container.encode(audience, forKey: Key("aud"))
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A GitHub Actions token for `repository` (owner/name) and `workflow`, valid for 5 minutes.
    func gitHubToken(
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

    /// Runs an issuer for the duration of `body`.
    static func with<T: Sendable>(_ body: @Sendable (TestOIDCIssuer) async throws -> T) async throws -> T {
        let key = ES256PrivateKey()
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        let parameters = key.publicKey.parameters!
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"\#(kid)","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let base = Mutex<String>("")
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ -> Response in
            let url = base.withLock { $0 }
            let body = #"{"issuer":"\#(url)","jwks_uri":"\#(url)/jwks"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/jwks") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: jwks)))
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
            defer { group.cancelAll() }
            return try await body(TestOIDCIssuer(url: url, signer: signer))
        }
    }
}
