import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Delete = unlist (protocol §2, §12.7): the version stays restorable (flat container,
/// registration with `listed:false`) but leaves search and autocomplete; relist brings it back.
@Suite("Unlist and relist")
struct UnlistRelistTests {
    @Test("an unlisted version stays downloadable and in the flat-container list")
    func stillRestorable() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(package("Gone.Pkg", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Gone.Pkg", "2.0.0"), apiKey: env.apiKey)
            let unlist = try await client.unlist("Gone.Pkg", "1.0.0", apiKey: env.apiKey)
            #expect(unlist.status == .noContent)
            #expect(try await client.get(FeedClient.nupkgPath("gone.pkg", "1.0.0")).data == nupkg)
            #expect(try await client.json("/v3/flat/gone.pkg/index.json")["versions"]?.strings == ["1.0.0", "2.0.0"])
        }
    }

    @Test("registration keeps the unlisted leaf with listed:false and published 1900", arguments: ["registration", "registration-gz", "registration-gz-semver2"])
    func registration(_ hive: String) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Gone.Reg", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Gone.Reg", "1.1.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Gone.Reg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            let index = try await client.json("/v3/\(hive)/gone.reg/index.json")
            let leaves = index["items"]?[0]?["items"]?.array ?? []
            #expect(leaves.count == 2)
            let unlisted = try #require(leaves.first { $0["catalogEntry"]?["version"]?.string == "1.0.0" })
            #expect(unlisted["catalogEntry"]?["listed"]?.bool == false)
            #expect(unlisted["catalogEntry"]?["published"]?.string?.hasPrefix("1900-01-01T00:00:00") == true)
            let listed = try #require(leaves.first { $0["catalogEntry"]?["version"]?.string == "1.1.0" })
            #expect(listed["catalogEntry"]?["listed"]?.bool != false, "absent or true means listed")
            #expect(listed["catalogEntry"]?["published"]?.string?.hasPrefix("1900") == false)
        }
    }

    @Test("unlisted versions leave search and autocomplete; a fully unlisted id disappears")
    func searchAndAutocomplete() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Hidden.Pkg", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Hidden.Pkg", "2.0.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Hidden.Pkg", "2.0.0", apiKey: env.apiKey).status == .noContent)
            let partly = try await client.json("/v3/query?q=Hidden.Pkg")
            #expect(partly["data"]?[0]?["version"]?.string == "1.0.0", "latest listed version")
            #expect(partly["data"]?[0]?["versions"]?.array?.compactMap { $0["version"]?.string } == ["1.0.0"])
            #expect(try await client.json("/v3/autocomplete?id=hidden.pkg&semVerLevel=2.0.0")["data"]?.strings == ["1.0.0"])

            #expect(try await client.unlist("Hidden.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            let none = try await client.json("/v3/query?q=Hidden.Pkg")
            #expect(none["totalHits"]?.int == 0)
            #expect(none["data"]?.array?.isEmpty == true)
            #expect(try await client.json("/v3/autocomplete?q=Hidden")["data"]?.strings.contains("Hidden.Pkg") == false)
            #expect(try await client.json("/v3/autocomplete?id=hidden.pkg")["data"]?.strings == [])
        }
    }

    @Test("relist answers 200 and restores search, autocomplete and listed:true")
    func relist() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Back.Pkg", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Back.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            #expect(try await client.json("/v3/query?q=Back.Pkg")["totalHits"]?.int == 0)
            #expect(try await client.relist("Back.Pkg", "1.0.0", apiKey: env.apiKey).status == .ok)
            let search = try await client.json("/v3/query?q=Back.Pkg")
            #expect(search["totalHits"]?.int == 1)
            #expect(search["data"]?[0]?["id"]?.string == "Back.Pkg")
            #expect(try await client.json("/v3/autocomplete?q=Back")["data"]?.strings.contains("Back.Pkg") == true)
            let leaf = try await client.json("/v3/registration/back.pkg/index.json")["items"]?[0]?["items"]?[0]
            #expect(leaf?["catalogEntry"]?["listed"]?.bool != false)
            #expect(leaf?["catalogEntry"]?["published"]?.string?.hasPrefix("1900") == false)
        }
    }

    @Test("unlist and relist are idempotent: repeating them succeeds and changes nothing")
    func idempotent() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Twice.Pkg", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.relist("Twice.Pkg", "1.0.0", apiKey: env.apiKey).status == .ok, "relist of a listed version is 200")
            #expect(try await client.unlist("Twice.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            #expect(try await client.unlist("Twice.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
            #expect(try await client.json("/v3/query?q=Twice.Pkg")["totalHits"]?.int == 0)
            #expect(try await client.relist("Twice.Pkg", "1.0.0", apiKey: env.apiKey).status == .ok)
            #expect(try await client.relist("Twice.Pkg", "1.0.0", apiKey: env.apiKey).status == .ok)
            #expect(try await client.json("/v3/query?q=Twice.Pkg")["totalHits"]?.int == 1)
        }
    }
}
