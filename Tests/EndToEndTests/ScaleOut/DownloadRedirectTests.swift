import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// `downloadRedirect`: with S3 storage, package downloads are 302s to presigned object-store URLs, so the
/// bytes never pass through Pallet (design "Scale-out"). The URL must work without any credentials of the
/// client's own, and the download must still be counted.
@Suite("Scale-out: download redirect")
struct DownloadRedirectTests {
    /// The shared S3 server of the test services; the reason is printed once when it is missing.
    static let s3Endpoint: String? = {
        guard let endpoint = ProcessInfo.processInfo.environment["PALLET_TEST_S3_ENDPOINT"], !endpoint.isEmpty else {
            print("EndToEndTests: PALLET_TEST_S3_ENDPOINT is not set; the download-redirect test is skipped (scripts/test-services.sh start).")
            return nil
        }
        return endpoint
    }()

    @Test(
        "GET and HEAD of a nupkg answer 302 to a presigned S3 URL that serves the exact bytes; the GET is counted",
        .enabled(if: Self.s3Endpoint != nil, "needs PALLET_TEST_S3_ENDPOINT")
    )
    func presignedRedirect() async throws {
        let storage = try await PrivateMotoServer.makeBucket(endpoint: try #require(Self.s3Endpoint))
        try await withTestServer(configure: { $0.storage = storage; $0.downloadRedirect = true }) { client, env in
            var padded = package("Redirected.Pkg", "1.0.0")
            padded.paddingBytes = 300_000  // incompressible, so a truncated or re-encoded body shows
            let nupkg = try await client.pushCreated(padded, apiKey: env.apiKey)
            let path = FeedClient.nupkgPath("redirected.pkg", "1.0.0")

            for method in [HTTPRequest.Method.get, .head] {
                let response = try await client.send(method, path)
                #expect(response.status == .found, "\(method) \(path): \(response.status) \(response.text)")
                let location = try #require(response.headers[.location], "\(method): 302 without Location")
                let url = try #require(URLComponents(string: location))
                let query = Set((url.queryItems ?? []).map(\.name))
                #expect(query.isSuperset(of: ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Expires"]),
                        "\(method): not a presigned URL: \(location)")
                #expect(url.percentEncodedPath.hasSuffix("/packages/redirected.pkg/1.0.0/redirected.pkg.1.0.0.nupkg"), "\(location)")
                // Fetched as a plain client would: a socket, no S3 credentials, the URL exactly as given.
                let fetched = try await Self.fetch(url)
                #expect(fetched.statusCode == 200, "GET \(location): \(fetched.statusLine) \(fetched.text)")
                #expect(SHA512.base64(fetched.body) == SHA512.base64(nupkg), "\(method): the presigned URL served other bytes")
            }

            await env.gallery.downloads.flush()
            // The GET is a download; the HEAD is not (as without the redirect).
            #expect(try await client.json("/v3/query?q=Redirected.Pkg")["data"]?[0]?["totalDownloads"]?.int == 1)
        }
    }

    /// GETs an http URL on this machine over a raw socket, with the URL's own Host header.
    static func fetch(_ url: URLComponents) async throws -> RawHTTPClient.Response {
        let host = try #require(url.host, "no host in \(url)")
        try #require(host == "127.0.0.1" || host == "localhost", "the test fetches only from this machine, not \(host)")
        let port = try #require(url.port, "no port in \(url)")
        let target = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return try await RawHTTPClient(port: port, host: "\(host):\(port)").send("GET", target)
    }
}
