import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// nuget.org's Trusted Publishing token exchange (protocol §13) against a real OIDC issuer on 127.0.0.1.
@Suite("Trusted publishing")
struct TrustedPublishingTests {
    static func exchange(_ client: FeedClient, token: String?, username: String = "alice", tokenType: String = "ApiKey",
                         contentType: String = "application/json") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType, .userAgent: "NuGet/login (tests)"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "tokenType": tokenType])
        return try await client.send(.post, "/api/v2/token", headers: headers, body: body)
    }

    static func policy(_ env: TestEnvironment, issuer: String, claims: [String: String] = ["repository": "contoso/utils"]) async throws {
        _ = try await env.gallery.accounts.createPublishingPolicy(
            creatorName: "alice", name: "release", provider: .oidc(issuer: issuer, audience: env.baseURL, claims: claims),
            scopes: [.push, .unlist], globs: ["Contoso.*"], by: .adminCLI())
    }

    @Test("a matching token becomes a short-lived key that pushes; the same token twice is refused")
    func exchangeAndPush() async throws {
        try await TestOIDCIssuer.with { issuer in
            try await withTestServer { client, env in
                try await Self.policy(env, issuer: issuer.url)
                let token = try await issuer.gitHubToken(audience: env.baseURL)
                let response = try await Self.exchange(client, token: token)
                #expect(response.status == .ok, "\(response.text)")
                let json = try response.json()
                #expect(json["tokenType"]?.string == "ApiKey")
                let key = try #require(json["apiKey"]?.string)
                let expires = try #require(json["expires"]?.string.flatMap { ISO8601DateFormatter().date(from: $0) })
                #expect(expires > Date() && expires <= Date().addingTimeInterval(15 * 60 + 5), "about 15 minutes")

                try await client.pushCreated(package("Contoso.Trusted", "1.0.0"), apiKey: key)
                let outside = try await client.push(try package("Other.Pkg", "1.0.0").data(), apiKey: key)
                #expect(outside.status == .forbidden, "the policy's globs apply")
                let events = try await env.gallery.store.auditEvents(since: nil)
                #expect(events.contains { $0.action == "apikey.issued" && $0.target == "policy release" })

                let replay = try await Self.exchange(client, token: token)
                #expect(replay.status == .unauthorized)
                #expect(replay.headers[.wwwAuthenticate] == "Bearer")
                #expect(try replay.json()["error"]?.string == "This token was already exchanged; each CI token is accepted once.")
                #expect(replay.status.reasonPhrase == "This token was already exchanged; each CI token is accepted once.")
            }
        }
    }

    @Test("refusals: wrong claims, audience, expiry, signature, token type, content type, no bearer")
    func refusals() async throws {
        try await TestOIDCIssuer.with { issuer in
            try await withTestServer { client, env in
                try await Self.policy(env, issuer: issuer.url)
                let otherRepository = try await issuer.gitHubToken(repository: "contoso/other", audience: env.baseURL)
                let mismatch = try await Self.exchange(client, token: otherRepository)
                #expect(mismatch.status == .unauthorized)
                #expect(try mismatch.json()["error"]?.string?.contains("claim 'repository' is not 'contoso/utils'") == true)

                let wrongAudience = try await Self.exchange(client, token: try await issuer.gitHubToken(audience: "https://elsewhere.test"))
                #expect(try wrongAudience.json()["error"]?.string == "The token's audience is not '\(env.baseURL)'.")

                let expired = try await Self.exchange(client, token: try await issuer.gitHubToken(audience: env.baseURL, expiresIn: -600))
                #expect(try expired.json()["error"]?.string == "The token has expired.")

                var forged = try await issuer.gitHubToken(audience: env.baseURL)
                forged = String(forged.dropLast(4)) + (forged.hasSuffix("AAAA") ? "BBBB" : "AAAA")
                let badSignature = try await Self.exchange(client, token: forged)
                #expect(badSignature.status == .unauthorized)

                let token = try await issuer.gitHubToken(audience: env.baseURL)
                #expect(try await Self.exchange(client, token: token, tokenType: "Bearer").status == .badRequest)
                #expect(try await Self.exchange(client, token: token, contentType: "text/plain").status == .unsupportedMediaType)
                let noBearer = try await Self.exchange(client, token: nil)
                #expect(noBearer.status == .unauthorized && noBearer.headers[.wwwAuthenticate] == "Bearer")
                #expect(try await Self.exchange(client, token: token, username: "bob").status == .unauthorized, "bob has no policy")
            }
        }
    }
}
