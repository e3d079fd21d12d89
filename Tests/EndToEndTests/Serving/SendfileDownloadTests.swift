import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Package files above the memory cache's limit go out with sendfile(2) on real connections: the same bytes,
/// headers, HEAD and ETag answers as before, and never the internal marker headers.
@Suite("Sendfile downloads")
struct SendfileDownloadTests {
    /// Larger than `PackageFileCache`'s 1 MiB per file, so the download takes the zero-copy path.
    static func bigPackage() -> TestPackage {
        package("Sendfile.Pkg", "1.0.0") { $0.paddingBytes = 1_300_000 }
    }

    @Test("over a socket: identical bytes, Content-Length, ETag, HEAD without a body, 304 on If-None-Match")
    func live() async throws {
        try await withTestServer(.live) { client, env in
            let nupkg = try await client.pushCreated(Self.bigPackage(), apiKey: env.apiKey)
            #expect(nupkg.count > 1 << 20)
            let raw = RawHTTPClient(port: try #require(client.port))
            let path = "/v3/flat/sendfile.pkg/1.0.0/sendfile.pkg.1.0.0.nupkg"
            // A client cannot ask for the internal marker: a forged capability header changes nothing.
            let got = try await raw.send("GET", path, headers: [("X-Pallet-Sendfile-Capable", "0")])
            #expect(got.statusCode == 200)
            #expect(got.body == nupkg, "the same bytes (\(got.body.count) of \(nupkg.count))")
            #expect(got.headers["content-length"] == String(nupkg.count))
            #expect(got.headers["content-type"] == "application/octet-stream")
            #expect(got.headers["x-pallet-sendfile"] == nil)
            let etag = try #require(got.headers["etag"])

            let head = try await raw.send("HEAD", path)
            #expect(head.statusCode == 200 && head.body.isEmpty)
            #expect(head.headers["content-length"] == String(nupkg.count) && head.headers["etag"] == etag)

            let revalidated = try await raw.send("GET", path, headers: [("If-None-Match", etag)])
            #expect(revalidated.statusCode == 304 && revalidated.body.isEmpty)

            // The connection stays usable: V2's download URL sends the same file again.
            let v2 = try await raw.send("GET", "/api/v2/package/Sendfile.Pkg/1.0.0")
            #expect(v2.statusCode == 200 && v2.body == nupkg)
        }
    }

    @Test("without the connection handler (router tests) the same file is sent as bytes")
    func router() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(Self.bigPackage(), apiKey: env.apiKey)
            let got = try await client.get("/v3/flat/sendfile.pkg/1.0.0/sendfile.pkg.1.0.0.nupkg")
            #expect(got.status == .ok && got.data == nupkg)
            #expect(got.headers[HTTPField.Name("X-Pallet-Sendfile")!] == nil)
        }
    }

    @Test("a package whose object is gone answers 404 with a message, on every backend")
    func missingObject() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Gone.Pkg", "1.0.0"), apiKey: env.apiKey)
            try await env.gallery.blobs.delete(.nupkg(.init(lowerID: "gone.pkg", lowerVersion: "1.0.0")))
            let got = try await client.get("/v3/flat/gone.pkg/1.0.0/gone.pkg.1.0.0.nupkg")
            #expect(got.status == .notFound)
            let message = got.text.trimmingCharacters(in: .newlines)
            #expect(!message.isEmpty && !message.contains("\n") && message.hasSuffix("."), "\(message)")
        }
    }
}
