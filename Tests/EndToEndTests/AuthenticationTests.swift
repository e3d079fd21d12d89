import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Missing or unknown `X-NuGet-ApiKey` on a write: 401 with `WWW-Authenticate` so credential
/// providers run (protocol §2 "Auth failures", §12.12), and nothing changes.
@Suite("Authentication")
struct AuthenticationTests {
    enum Key: String, CaseIterable, Sendable {
        case missing, empty, unknown
        var header: String? {
            switch self {
            case .missing: nil
            case .empty: ""
            case .unknown: "oy2-not-a-real-key-0000000000000000000000000000"
            }
        }
        var message: String {
            self == .unknown
                ? "The API key is invalid or has been revoked."
                : "An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey)."
        }
    }

    @Test("push without a valid key is 401 with WWW-Authenticate and stores nothing", arguments: Key.allCases)
    func push(_ key: Key) async throws {
        try await withTestServer { client, env in
            let response = try await client.push(try package("Auth.Pkg", "1.0.0").data(), apiKey: key.header)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
            #expect(response.text.trimmingCharacters(in: .newlines) == key.message)
            try await expectNothingStored(client, env, lowerID: "auth.pkg")
        }
    }

    @Test("unlist and relist without a valid key are 401 and change nothing", arguments: Key.allCases)
    func unlistAndRelist(_ key: Key) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Auth.Listed", "1.0.0"), apiKey: env.apiKey)
            let unlist = try await client.unlist("Auth.Listed", "1.0.0", apiKey: key.header)
            #expect(unlist.status == .unauthorized)
            #expect(unlist.headers[.wwwAuthenticate] != nil)
            #expect(unlist.text.trimmingCharacters(in: .newlines) == key.message)
            let relist = try await client.relist("Auth.Listed", "1.0.0", apiKey: key.header)
            #expect(relist.status == .unauthorized)
            let search = try await client.json("/v3/query?q=Auth.Listed")
            #expect(search["totalHits"]?.int == 1, "still listed")
        }
    }

    @Test("reads need no key: the feed is readable anonymously")
    func readsAreAnonymous() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Anon.Read", "1.0.0"), apiKey: env.apiKey)
            for path in ["/v3/index.json", "/v3/flat/anon.read/index.json", FeedClient.nupkgPath("anon.read", "1.0.0"),
                         "/v3/registration/anon.read/index.json", "/v3/query?q=anon", "/v3/autocomplete?q=anon"] {
                #expect(try await client.get(path).status == .ok, "\(path)")
            }
        }
    }
}
