import Foundation
import HTTPPlumbing
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// gzip on the wire (protocol §12.9, §13): the `-gz` registration hives always, every other JSON document
/// when the client accepts it, and never a `.nupkg`.
@Suite("gzip")
struct GzipTests {
    @Test("the -gz hives are gzip-encoded whatever the request says; the plain hive only on request")
    func registrationHives() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Zipped.Lib", "1.0.0"), apiKey: env.apiKey)
            for hive in ["registration-gz", "registration-gz-semver2"] {
                let response = try await client.get("/v3/\(hive)/zipped.lib/index.json")
                #expect(response.headers[.contentEncoding] == "gzip", "\(hive)")
                #expect(response.rawData.prefix(2) == Data([0x1F, 0x8B]))
                #expect(response.headers[.contentLength] == String(response.rawData.count))
                #expect(try response.json()["count"]?.int == 1, "decodes to the registration index")
            }
            let plain = try await client.get("/v3/registration/zipped.lib/index.json")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let accepted = try await client.get("/v3/registration/zipped.lib/index.json", headers: [.acceptEncoding: "gzip, deflate"])
            #expect(accepted.headers[.contentEncoding] == "gzip")
            #expect(accepted.data == plain.rawData, "the same document, encoded")
            #expect(accepted.headers[.eTag] != plain.headers[.eTag], "each encoding has its own strong validator")
            let refused = try await client.get("/v3/registration/zipped.lib/index.json", headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test("rendered documents (service index, flat index, catalog, vulnerabilities) gzip on request; a .nupkg never")
    func otherDocuments() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(package("Zipped.Lib", "1.0.0"), apiKey: env.apiKey)
            for path in ["/v3/index.json", "/v3/flat/zipped.lib/index.json", "/v3/catalog/index.json", "/v3/vulnerabilities/index.json"] {
                let response = try await client.get(path, headers: [.acceptEncoding: "gzip"])
                #expect(response.headers[.contentEncoding] == "gzip", "\(path)")
                #expect((try? response.json()) != nil, "\(path) decodes to JSON")
                let etag = try #require(response.headers[.eTag])
                let again = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(path) revalidates with the gzip ETag")
            }
            let download = try await client.get(FeedClient.nupkgPath("zipped.lib", "1.0.0"), headers: [.acceptEncoding: "gzip"])
            #expect(download.headers[.contentEncoding] == nil)
            #expect(download.rawData == nupkg)
        }
    }
}
