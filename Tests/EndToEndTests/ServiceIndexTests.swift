import Foundation
import PalletTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/v3/index.json` (protocol §1, §12.1–2): what NuGet.Client looks up, exactly.
@Suite("Service index", .sharedServer())
struct ServiceIndexTests {
    /// The first `@type` NuGet.Client 6.12 accepts for each feature, and older clients' choices.
    static let requiredTypes = [
        "PackageBaseAddress/3.0.0", "PackagePublish/2.0.0", "SearchQueryService/3.0.0-beta",
        "SearchAutocompleteService/3.0.0-beta", "RegistrationsBaseUrl/3.0.0-beta", "RegistrationsBaseUrl/3.4.0",
        "RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/Versioned", "Catalog/3.0.0",
    ]

    @Test("version is 3.0.0 and every resource has an absolute @id under the public base URL")
    func shape() async throws {
        try await withSharedServer { client, env async throws in
            let index = try await client.json("/v3/index.json")
            #expect(index["version"]?.string == "3.0.0")
            let resources = try #require(index["resources"]?.array)
            #expect(!resources.isEmpty)
            for resource in resources {
                let id = try #require(resource["@id"]?.string)
                #expect(id.hasPrefix(env.baseURL + "/"), "resource @id \(id) must be absolute under the base URL")
                let types = resource["@type"]?.strings ?? []
                #expect(!types.isEmpty)
            }
        }
    }

    @Test("every @type a NuGet client looks up is listed (exact, case-sensitive)", arguments: requiredTypes)
    func requiredType(_ type: String) async throws {
        try await withSharedServer { client, _ async throws in
            let index = try await client.json("/v3/index.json")
            let types = (index["resources"]?.array ?? []).flatMap { $0["@type"]?.strings ?? [] }
            #expect(types.contains(type))
        }
    }

    @Test("resources point at the routes this server serves")
    func resourceURLs() async throws {
        try await withSharedServer { client, env async throws in
            let index = try await client.json("/v3/index.json")
            func url(_ type: String) -> String? {
                index["resources"]?.array?.first { ($0["@type"]?.strings ?? []).contains(type) }?["@id"]?.string
            }
            #expect(url("PackageBaseAddress/3.0.0") == env.baseURL + "/v3/flat/")
            #expect(url("PackagePublish/2.0.0") == env.baseURL + "/api/v2/package")
            #expect(url("SearchQueryService/3.0.0-beta") == env.baseURL + "/v3/query")
            #expect(url("SearchAutocompleteService/3.0.0-beta") == env.baseURL + "/v3/autocomplete")
            #expect(url("RegistrationsBaseUrl/3.0.0-beta") == env.baseURL + "/v3/registration/")
            #expect(url("RegistrationsBaseUrl/3.6.0") == env.baseURL + "/v3/registration-gz-semver2/")
            #expect(url("Catalog/3.0.0") == env.baseURL + "/v3/catalog/index.json")
            // nuget.org hands the SemVer 2.0.0 hive to 4.3+ clients through clientVersion (§1).
            let versioned = index["resources"]?.array?.first { ($0["@type"]?.strings ?? []).contains("RegistrationsBaseUrl/Versioned") }
            #expect(versioned?["clientVersion"]?.string == "4.3.0-alpha")
        }
    }

    @Test("HEAD answers like GET without a body; If-None-Match with the ETag gives 304")
    func headAndConditionalGet() async throws {
        try await withSharedServer { client, _ async throws in
            let get = try await client.get("/v3/index.json")
            #expect(get.status == .ok)
            let head = try await client.head("/v3/index.json")
            #expect(head.status == .ok)
            #expect(head.data.isEmpty)
            #expect(head.headers[.contentLength] == String(get.data.count))
            let etag = try #require(get.headers[.eTag])
            let revalidated = try await client.get("/v3/index.json", headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.data.isEmpty)
        }
    }
}
