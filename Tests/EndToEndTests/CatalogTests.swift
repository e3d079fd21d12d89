import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// The catalog (protocol §6): an append-only log a mirror can follow with a cursor. Push,
/// unlist and relist each append a `PackageDetails` leaf, with strictly increasing timestamps.
@Suite("Catalog")
struct CatalogTests {
    /// Every page item of the catalog, read from the index as a mirror does.
    static func allItems(_ client: FeedClient) async throws -> [JSON] {
        let index = try await client.json("/v3/catalog/index.json")
        var items: [JSON] = []
        for page in index["items"]?.array ?? [] {
            let url = try #require(page["@id"]?.string)
            let document = try await client.json(url)
            #expect(document["parent"]?.string == "http://pallet.test/v3/catalog/index.json")
            #expect(document["count"]?.int == document["items"]?.array?.count)
            items += document["items"]?.array ?? []
        }
        return items.sorted { ($0["commitTimeStamp"]?.string ?? "") < ($1["commitTimeStamp"]?.string ?? "") }
    }

    @Test("push, unlist and relist append three PackageDetails items with increasing commitTimeStamp")
    func pushUnlistRelist() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Logged.Pkg", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Logged.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            #expect(try await client.relist("Logged.Pkg", "1.0.0", apiKey: env.apiKey).status == .ok)
            let items = try await Self.allItems(client).filter { $0["nuget:id"]?.string == "Logged.Pkg" }
            #expect(items.count == 3)
            #expect(items.allSatisfy { $0["@type"]?.string == "nuget:PackageDetails" })
            #expect(items.allSatisfy { $0["nuget:version"]?.string == "1.0.0" })
            let stamps = items.compactMap { $0["commitTimeStamp"]?.string }
            #expect(stamps.count == 3 && Set(stamps).count == 3, "strictly increasing: \(stamps)")
            #expect(Set(items.compactMap { $0["commitId"]?.string }).count == 3, "one commit per change")

            // The leaves are full snapshots: listed false while unlisted, true again after relist.
            var listed: [Bool?] = []
            for item in items {
                let leaf = try await client.json(try #require(item["@id"]?.string))
                listed.append(leaf["listed"]?.bool)
                #expect(leaf["catalog:commitTimeStamp"]?.string == item["commitTimeStamp"]?.string)
            }
            #expect(listed == [true, false, true])
        }
    }

    @Test("index: commitTimeStamp of the newest page, pages with counts, absolute @ids")
    func index() async throws {
        try await withTestServer { client, env in
            for index in 1...3 { try await client.pushCreated(package("Cat.Pkg\(index)", "1.0.0"), apiKey: env.apiKey) }
            let catalog = try await client.json("/v3/catalog/index.json")
            let pages = try #require(catalog["items"]?.array)
            #expect(catalog["count"]?.int == pages.count)
            #expect(pages.compactMap { $0["count"]?.int }.reduce(0, +) == 3)
            #expect(pages.allSatisfy { $0["@id"]?.string?.hasPrefix(env.baseURL + "/v3/catalog/") == true })
            let newest = pages.compactMap { $0["commitTimeStamp"]?.string }.max()
            #expect(catalog["commitTimeStamp"]?.string == newest)
            #expect(catalog["commitId"]?.string?.isEmpty == false)
            #expect(try await client.head("/v3/catalog/index.json").status == .ok)
        }
    }

    @Test("a PackageDetails leaf has packageHash (SHA512, base64), packageSize and the metadata")
    func leaf() async throws {
        try await withTestServer { client, env in
            let pkg = package("Hashed.Pkg", "1.2.0-beta") { $0.licenseExpression = "Apache-2.0"; $0.tags = "a b" }
            let nupkg = try await client.pushCreated(pkg, apiKey: env.apiKey)
            let item = try #require(try await Self.allItems(client).first { $0["nuget:id"]?.string == "Hashed.Pkg" })
            let leafURL = try #require(item["@id"]?.string)
            #expect(leafURL.hasPrefix(env.baseURL + "/v3/catalog/"))
            let leaf = try await client.json(leafURL)
            #expect(leaf["@type"]?.strings.contains("PackageDetails") == true)
            #expect(leaf["id"]?.string == "Hashed.Pkg")
            #expect(leaf["version"]?.string == "1.2.0-beta")
            #expect(leaf["packageHashAlgorithm"]?.string == "SHA512")
            #expect(leaf["packageHash"]?.string == SHA512.base64(nupkg))
            #expect(leaf["packageSize"]?.int == nupkg.count)
            #expect(leaf["isPrerelease"]?.bool == true)
            #expect(leaf["licenseExpression"]?.string == "Apache-2.0")
            #expect(leaf["published"]?.string?.hasPrefix("1900") == false)
            // The registration catalogEntry @id points at this leaf (§4).
            let entry = try await client.json("/v3/registration/hashed.pkg/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(entry?["@id"]?.string == leafURL)
        }
    }

    @Test("an empty gallery has a valid, empty catalog index")
    func empty() async throws {
        try await withTestServer { client, _ in
            let catalog = try await client.json("/v3/catalog/index.json")
            #expect(catalog["count"]?.int == (catalog["items"]?.array?.count ?? -1))
            #expect((catalog["items"]?.array ?? []).allSatisfy { $0["count"]?.int == 0 })
        }
    }
}
