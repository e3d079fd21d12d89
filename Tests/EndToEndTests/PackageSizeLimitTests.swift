import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// `maxPackageSizeMB` (design: "larger uploads get 413 with a message"; protocol §2).
@Suite("Package size limit")
struct PackageSizeLimitTests {
    static let limitMessage = "The package is larger than the server's limit of 1 MB."

    @Test("a package over the limit is 413 with the limit in the message, and nothing is stored")
    func overLimit() async throws {
        let big = try package("Big.Pkg", "1.0.0") { $0.paddingBytes = 1_600_000 }.data()
        try #require(big.count > 1 << 20)
        try await withTestServer(maxPackageSizeMB: 1) { client, env in
            let response = try await client.push(big, apiKey: env.apiKey)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.trimmingCharacters(in: .newlines) == Self.limitMessage)
            #expect(response.status.reasonPhrase == Self.limitMessage)
            try await expectNothingStored(client, env, lowerID: "big.pkg")
        }
    }

    @Test("a raw (non-multipart) body over the limit is 413 too")
    func overLimitRawBody() async throws {
        let big = try package("Big.Raw", "1.0.0") { $0.paddingBytes = 1_600_000 }.data()
        try await withTestServer(maxPackageSizeMB: 1) { client, env in
            var headers = FeedClient.keyHeaders(env.apiKey)
            headers[.contentType] = "application/octet-stream"
            let response = try await client.send(.put, "/api/v2/package/", headers: headers, body: big)
            #expect(response.status == .contentTooLarge)
            try await expectNothingStored(client, env, lowerID: "big.raw")
        }
    }

    @Test("a package just under the limit is accepted and served whole")
    func underLimit() async throws {
        let pkg = package("Almost.Big", "1.0.0") { $0.paddingBytes = 900_000 }
        try await withTestServer(maxPackageSizeMB: 1) { client, env in
            let nupkg = try await client.pushCreated(pkg, apiKey: env.apiKey)
            #expect(nupkg.count < 1 << 20)
            #expect(try await client.get(FeedClient.nupkgPath("almost.big", "1.0.0")).data == nupkg)
        }
    }
}
