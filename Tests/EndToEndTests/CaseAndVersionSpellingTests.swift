import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// One version, many spellings (protocol §12.3–4): `1.0`, `1.0.0`, `1.0.0.0`, `+metadata`,
/// any id casing. Documents use `lower(norm(v))`; routes accept what scripts and old tools send.
@Suite("Case and version spelling")
struct CaseAndVersionSpellingTests {
    @Test("a nuspec version '1.0' is stored and served as 1.0.0; registration keeps the original-case id")
    func normalizedOnPush() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(package("My.Pkg", "1.0"), apiKey: env.apiKey)
            #expect(try await client.json("/v3/flat/my.pkg/index.json")["versions"]?.strings == ["1.0.0"])
            #expect(try await client.get(FeedClient.nupkgPath("my.pkg", "1.0.0")).data == nupkg)
            let entry = try await client.json("/v3/registration/my.pkg/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(entry?["id"]?.string == "My.Pkg")
            #expect(entry?["version"]?.string == "1.0.0")
        }
    }

    @Test("flat-container and registration routes ignore case; downloads accept unnormalized versions",
          arguments: ["/v3/flat/MY.PKG/index.json", "/v3/flat/My.Pkg/1.0.0/my.pkg.1.0.0.nupkg",
                      "/v3/flat/MY.PKG/1.0.0/MY.PKG.1.0.0.NUPKG", "/v3/flat/my.pkg/1.0.0/My.Pkg.nuspec",
                      "/v3/registration/My.Pkg/index.json", "/v3/registration-gz-semver2/MY.PKG/index.json",
                      "/v3/registration/MY.PKG/1.0.0.json"])
    func caseInsensitiveRoutes(_ path: String) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("My.Pkg", "1.0.0"), apiKey: env.apiKey)
            let response = try await client.get(path)
            #expect(response.status == .ok, "\(path): \(response.status) \(response.text)")
        }
    }

    @Test("a 4-part and metadata-carrying version is downloaded at its normalized URL")
    func fourPartAndMetadata() async throws {
        try await withTestServer { client, env in
            let four = try await client.pushCreated(package("Four.Part", "2.1.0.0"), apiKey: env.apiKey)
            let five = try await client.pushCreated(package("Four.Part", "2.1.0.5"), apiKey: env.apiKey)
            let meta = try await client.pushCreated(package("With.Meta", "3.0.0-RC.1+git.abc"), apiKey: env.apiKey)
            #expect(try await client.get(FeedClient.nupkgPath("four.part", "2.1.0")).data == four)
            #expect(try await client.get(FeedClient.nupkgPath("four.part", "2.1.0.5")).data == five)
            #expect(try await client.get(FeedClient.nupkgPath("with.meta", "3.0.0-rc.1")).data == meta)
            #expect(try await client.json("/v3/flat/with.meta/index.json")["versions"]?.strings == ["3.0.0-rc.1"])
        }
    }

    @Test("DELETE and POST take the id and version as the user typed them", arguments: [
        ("MY.PKG", "1.0"), ("my.pkg", "1.0.0.0"), ("My.Pkg", "1.0.0+anything"), ("mY.pKg", "01.0.0"),
    ])
    func unlistWithTypedSpelling(_ id: String, _ version: String) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("My.Pkg", "1.0.0"), apiKey: env.apiKey)
            let unlist = try await client.unlist(id, version, apiKey: env.apiKey)
            #expect(unlist.status == .noContent, "\(unlist.status) \(unlist.text)")
            #expect(try await client.json("/v3/query?q=My.Pkg")["totalHits"]?.int == 0)
            #expect(try await client.relist(id, version, apiKey: env.apiKey).status == .ok)
            #expect(try await client.json("/v3/query?q=My.Pkg")["totalHits"]?.int == 1)
        }
    }

    @Test("the first-pushed casing of an id wins for later versions")
    func firstCasingWins() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("First.Casing", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("FIRST.casing", "2.0.0"), apiKey: env.apiKey)
            let leaves = try await client.json("/v3/registration/first.casing/index.json")["items"]?[0]?["items"]?.array ?? []
            #expect(leaves.map { $0["catalogEntry"]?["id"]?.string } == ["First.Casing", "First.Casing"])
            #expect(try await client.json("/v3/query?q=first.casing")["data"]?[0]?["id"]?.string == "First.Casing")
        }
    }

    @Test("malformed versions in a route are 400 with a message, not 500")
    func malformedVersion() async throws {
        try await withTestServer { client, env in
            let response = try await client.unlist("My.Pkg", "not-a-version", apiKey: env.apiKey)
            #expect(response.status == .badRequest)
            #expect(response.text.trimmingCharacters(in: .newlines) == "'not-a-version' is not a valid NuGet version.")
            let download = try await client.get("/v3/flat/my.pkg/1.x/my.pkg.1.x.nupkg")
            #expect([.badRequest, .notFound].contains(download.status), "\(download.status)")
        }
    }
}
