import Foundation
import PalletTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

/// Health probes and the NuGet-shaped error answer for anything unknown (style guide §5).
@Suite("Health and errors")
struct HealthAndErrorTests {
    @Test("health endpoints answer 200 to GET and HEAD", arguments: ["/health/live", "/health/ready"])
    func health(_ path: String) async throws {
        try await withTestServer { client, _ in
            let get = try await client.get(path)
            #expect(get.status == .ok)
            #expect(!get.text.isEmpty)
            #expect(try await client.head(path).status == .ok)
        }
    }

    @Test("an unknown route is 404 with a one-line message in the body and reason phrase",
          arguments: ["/nope", "/v3/nothing-here", "/v3/flat/", "/v3/registration/x/y/z/w.txt", "/api/v2/package/a/b/c"])
    func unknownRoute(_ path: String) async throws {
        try await withTestServer { client, _ in
            let response = try await client.get(path)
            #expect(response.status == .notFound)
            let message = response.text.trimmingCharacters(in: .newlines)
            #expect(!message.isEmpty && !message.contains("\n"), "\(message)")
            #expect(message.hasSuffix("."))
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test("a wrong method on a known URL is refused with a message, not a 500")
    func wrongMethod() async throws {
        try await withTestServer { client, _ in
            let response = try await client.send(.put, "/v3/index.json", body: Data("x".utf8))
            #expect([.methodNotAllowed, .notFound].contains(response.status), "\(response.status)")
            #expect(!response.text.isEmpty)
        }
    }

    @Test("a flat-container file name that is not a package file is 404 with a message")
    func unknownFlatFile() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Files.Pkg", "1.0.0"), apiKey: env.apiKey)
            let response = try await client.get("/v3/flat/files.pkg/1.0.0/other.txt")
            #expect(response.status == .notFound)
            #expect(response.text.contains("other.txt"))
        }
    }
}
