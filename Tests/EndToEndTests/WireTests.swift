import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Checks on a real socket (`.live`): what `dotnet nuget push` prints is the HTTP/1.1 reason
/// phrase (style guide §5), and NuGet.Client sends the multipart body with
/// `Transfer-Encoding: chunked` and no `Content-Length` (protocol §2).
@Suite("On the wire")
struct WireTests {
    static func raw(_ client: FeedClient) throws -> RawHTTPClient {
        RawHTTPClient(port: try #require(client.port, "a .live server has a port"))
    }

    static func pushHeaders(_ form: MultipartBody, apiKey: String?) -> [(String, String)] {
        var headers = [("Content-Type", form.contentType), ("X-NuGet-Client-Version", "6.12.1")]
        if let apiKey { headers.append(("X-NuGet-ApiKey", apiKey)) }
        return headers
    }

    @Test("a chunked multipart push is accepted and downloads byte-identical", arguments: [7, 1000, 65536])
    func chunkedPush(_ chunkSize: Int) async throws {
        let nupkg = try package("Chunked.Pkg", "1.0.0") { $0.paddingBytes = 150_000 }.data()
        try await withTestServer(.live) { client, env in
            let form = MultipartBody.package(nupkg)
            let response = try await Self.raw(client).send(
                "PUT", "/api/v2/package/", headers: Self.pushHeaders(form, apiKey: env.apiKey), body: form.data, chunkSize: chunkSize)
            #expect(response.statusCode == 201, "\(response.statusLine) \(response.text)")
            let download = try await Self.raw(client).send("GET", FeedClient.nupkgPath("chunked.pkg", "1.0.0"))
            #expect(download.statusCode == 200)
            #expect(download.body == nupkg)
            #expect(download.headers["content-encoding"] == nil)
        }
    }

    @Test("the 409 message is the reason phrase on the wire and the body")
    func conflictReasonPhrase() async throws {
        try await withTestServer(.live) { client, env in
            let nupkg = try package("Wire.Dup", "1.0.0").data()
            let form = MultipartBody.package(nupkg)
            let first = try await Self.raw(client).send("PUT", "/api/v2/package/", headers: Self.pushHeaders(form, apiKey: env.apiKey), body: form.data)
            #expect(first.statusCode == 201)
            let second = try await Self.raw(client).send("PUT", "/api/v2/package/", headers: Self.pushHeaders(form, apiKey: env.apiKey), body: form.data)
            // The same bytes again (a retried push): its own wording, still a 409 (protocol §13).
            let message = "A package with ID 'Wire.Dup' and version '1.0.0' already exists with identical content; nothing was changed."
            #expect(second.statusLine == "HTTP/1.1 409 \(message)")
            #expect(second.text.trimmingCharacters(in: .newlines) == message)
        }
    }

    @Test("400, 401 and 404 carry their one-line message as the reason phrase")
    func errorReasonPhrases() async throws {
        try await withTestServer(.live) { client, env in
            let garbage = MultipartBody.package(Data("definitely not a zip".utf8))
            let invalid = try await Self.raw(client).send("PUT", "/api/v2/package/", headers: Self.pushHeaders(garbage, apiKey: env.apiKey), body: garbage.data)
            #expect(invalid.statusCode == 400)
            #expect(!invalid.reasonPhrase.isEmpty && invalid.reasonPhrase != "Bad Request", "\(invalid.statusLine)")
            #expect(invalid.text.trimmingCharacters(in: .newlines) == invalid.reasonPhrase)

            let form = MultipartBody.package(try package("Wire.Auth", "1.0.0").data())
            let unauthorized = try await Self.raw(client).send("PUT", "/api/v2/package/", headers: Self.pushHeaders(form, apiKey: nil), body: form.data)
            #expect(unauthorized.statusCode == 401)
            #expect(unauthorized.reasonPhrase == "An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey).")
            #expect(unauthorized.headers["www-authenticate"]?.hasPrefix("Basic realm=") == true)

            let missing = try await Self.raw(client).send("DELETE", "/api/v2/package/No.Such/1.0.0", headers: [("X-NuGet-ApiKey", env.apiKey)])
            #expect(missing.statusLine == "HTTP/1.1 404 Package 'No.Such' version '1.0.0' was not found.")
        }
    }

    @Test("a chunked upload over the size limit is 413 with the message, and nothing is stored")
    func chunkedTooLarge() async throws {
        let big = try package("Wire.Big", "1.0.0") { $0.paddingBytes = 1_500_000 }.data()
        try await withTestServer(.live, maxPackageSizeMB: 1) { client, env in
            let form = MultipartBody.package(big)
            let response = try await Self.raw(client).send(
                "PUT", "/api/v2/package/", headers: Self.pushHeaders(form, apiKey: env.apiKey), body: form.data, chunkSize: 16384)
            #expect(response.statusCode == 413)
            #expect(response.reasonPhrase == "The package is larger than the server's limit of 1 MB.")
            try await expectNothingStored(client, env, lowerID: "wire.big")
        }
    }

    @Test("HummingbirdTesting's live client sees the same feed: push, HEAD, download")
    func liveClientRoundTrip() async throws {
        try await withTestServer(.live) { client, env in
            let nupkg = try await client.pushCreated(package("Live.Pkg", "1.0.0"), apiKey: env.apiKey)
            let head = try await client.head(FeedClient.nupkgPath("live.pkg", "1.0.0"))
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == String(nupkg.count))
            #expect(try await client.get(FeedClient.nupkgPath("live.pkg", "1.0.0")).data == nupkg)
            #expect(try await client.json("/v3/index.json")["version"]?.string == "3.0.0")
        }
    }
}
