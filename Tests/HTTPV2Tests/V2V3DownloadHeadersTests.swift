import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A `.nupkg` is one blob whichever surface sends it: the same bytes, content type, cache policy and
/// ETag from V3's flat container and V2's `package/{id}/{version}` (BlobKey+Media; docs/QUIRKS.md).
@Suite("V2 and V3 downloads")
struct V2V3DownloadHeadersTests {
    @Test("the flat container and the V2 download send a nupkg with the same headers", arguments: ["GET", "HEAD"])
    func sameHeaders(_ method: String) async throws {
        try await V2Server.with { server in
            let nupkg = try await server.push("Same.Headers", "1.0.0")
            let httpMethod = HTTPRequest.Method(rawValue: method)!
            let v3 = try await server.client.execute(
                uri: "/v3/flat/same.headers/1.0.0/same.headers.1.0.0.nupkg", method: httpMethod, headers: [:], body: nil)
            let v2 = try await server.client.execute(uri: "/api/v2/package/Same.Headers/1.0.0", method: httpMethod, headers: [:], body: nil)
            #expect(v3.status == .ok)
            #expect(v2.status == .ok)
            #expect(v3.headers[.contentType] == "application/octet-stream")
            for name in [HTTPField.Name.contentType, .cacheControl, .eTag, .contentLength] {
                #expect(v2.headers[name] == v3.headers[name], "\(name): V2 \(v2.headers[name] ?? "-") vs V3 \(v3.headers[name] ?? "-")")
            }
            if method == "GET" {
                #expect(v3.data == nupkg)
                #expect(v2.data == nupkg)
            }
        }
    }
}
