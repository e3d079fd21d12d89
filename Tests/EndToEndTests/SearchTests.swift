import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Three versions of one package and a second package: what every search test reads.
@Sendable func seedSearchPackages(_ client: FeedClient, _ env: TestEnvironment) async throws {
    // Search matches the latest version's metadata (nuget.org), so every version carries the tags.
    for version in ["1.0.0", "1.1.0", "2.0.0-preview"] {
        try await client.pushCreated(package("Contoso.Logging", version) { $0.tags = "logging diagnostics" }, apiKey: env.apiKey)
    }
    try await client.pushCreated(package("Fabrikam.Json", "3.0.0") { $0.description = "Fast JSON." }, apiKey: env.apiKey)
}

/// `SearchQueryService` and `SearchAutocompleteService` (protocol §5, §12.6, §12.17).
@Suite("Search and autocomplete", .sharedServer(seedSearchPackages))
struct SearchTests {
    @Test("the response has every field a client requires: totalHits, data[].id/version/versions/packageTypes")
    func requiredFields() async throws {
        try await withSharedServer { client, env async throws in
            let result = try await client.json("/v3/query?q=Contoso.Logging&skip=0&take=20&prerelease=false&semVerLevel=2.0.0")
            #expect(result["totalHits"]?.int == 1)
            let hit = try #require(result["data"]?[0])
            #expect(hit["id"]?.string == "Contoso.Logging")
            #expect(hit["version"]?.string == "1.1.0", "latest stable when prerelease=false")
            let versions = try #require(hit["versions"]?.array)
            #expect(versions.compactMap { $0["version"]?.string } == ["1.0.0", "1.1.0"])
            for version in versions {
                #expect(version["@id"]?.string?.hasPrefix("http://pallet.test/v3/") == true)
                #expect(version["downloads"]?.int == 0)
            }
            #expect(hit["packageTypes"]?[0]?["name"]?.string == "Dependency")
            #expect(hit["registration"]?.string?.hasPrefix("http://pallet.test/v3/registration") == true)
        }
    }

    @Test("prerelease=true picks the latest prerelease and lists it")
    func prerelease() async throws {
        try await withSharedServer { client, env async throws in
            let hit = try await client.json("/v3/query?q=Contoso.Logging&prerelease=true")["data"]?[0]
            #expect(hit?["version"]?.string == "2.0.0-preview")
            #expect(hit?["versions"]?.array?.count == 3)
        }
    }

    @Test("empty q returns every package; skip and take page through them; totalHits ignores paging")
    func paging() async throws {
        try await withSharedServer { client, env async throws in
            let all = try await client.json("/v3/query")
            #expect(all["totalHits"]?.int == 2)
            let first = try await client.json("/v3/query?take=1")
            let second = try await client.json("/v3/query?take=1&skip=1")
            #expect(first["totalHits"]?.int == 2 && second["totalHits"]?.int == 2)
            let ids = [first, second].compactMap { $0["data"]?[0]?["id"]?.string }
            #expect(Set(ids) == ["Contoso.Logging", "Fabrikam.Json"])
        }
    }

    @Test("no match is 200 with totalHits 0, never 404")
    func noMatch() async throws {
        try await withSharedServer { client, env async throws in
            let response = try await client.get("/v3/query?q=zzzznothing")
            #expect(response.status == .ok)
            #expect(try response.json()["totalHits"]?.int == 0)
            #expect(try await client.head("/v3/query?q=x").status == .ok)
        }
    }

    @Test("words match tags and description; the exact id ranks first")
    func matching() async throws {
        try await withSharedServer { client, env async throws in
            #expect(try await client.json("/v3/query?q=diagnostics")["data"]?[0]?["id"]?.string == "Contoso.Logging")
            #expect(try await client.json("/v3/query?q=json")["data"]?[0]?["id"]?.string == "Fabrikam.Json")
            #expect(try await client.json("/v3/query?q=packageid:fabrikam.json")["totalHits"]?.int == 1)
        }
    }

    @Test("autocomplete ids by prefix, and versions of one id (unknown id = empty data, 200)")
    func autocomplete() async throws {
        try await withSharedServer { client, env async throws in
            let ids = try await client.json("/v3/autocomplete?q=cont")
            #expect(ids["data"]?.strings == ["Contoso.Logging"])
            #expect(ids["totalHits"]?.int == 1)
            #expect(try await client.json("/v3/autocomplete?id=contoso.logging&prerelease=true&semVerLevel=2.0.0")["data"]?.strings
                    == ["1.0.0", "1.1.0", "2.0.0-preview"])
            #expect(try await client.json("/v3/autocomplete?id=contoso.logging&prerelease=false")["data"]?.strings == ["1.0.0", "1.1.0"])
            let unknown = try await client.get("/v3/autocomplete?id=no.such.id&semVerLevel=2.0.0")
            #expect(unknown.status == .ok)
            #expect(try unknown.json()["data"]?.strings == [])
        }
    }
}
