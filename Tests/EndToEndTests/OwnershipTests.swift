import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Only owners may push new versions of an id or unlist it (a 403 with a key = "bad key", §2).
@Suite("Ownership")
struct OwnershipTests {
    @Test("another user's key may not push a new version: 403, and the version is not stored")
    func pushNewVersion() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Alice.Owned", "1.0.0"), apiKey: env.apiKey)
            let response = try await client.push(try package("Alice.Owned", "2.0.0").data(), apiKey: env.otherAPIKey)
            #expect(response.status == .forbidden)
            #expect(response.text.trimmingCharacters(in: .newlines) == "You are not an owner of package 'Alice.Owned'.")
            #expect(try await client.json("/v3/flat/alice.owned/index.json")["versions"]?.strings == ["1.0.0"])
            #expect(try await client.get(FeedClient.nupkgPath("alice.owned", "2.0.0")).status == .notFound)
            let blobFiles = try await env.packageBlobFiles()
            #expect(!blobFiles.contains { $0.contains("2.0.0") }, "\(blobFiles)")
        }
    }

    @Test("another user's key may not unlist or relist: 403, listing unchanged")
    func unlistAndRelist() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Alice.Listed", "1.0.0"), apiKey: env.apiKey)
            let unlist = try await client.unlist("Alice.Listed", "1.0.0", apiKey: env.otherAPIKey)
            #expect(unlist.status == .forbidden)
            #expect(unlist.text.trimmingCharacters(in: .newlines) == "You are not an owner of package 'Alice.Listed'.")
            #expect(try await client.json("/v3/query?q=Alice.Listed")["totalHits"]?.int == 1)

            #expect(try await client.unlist("Alice.Listed", "1.0.0", apiKey: env.apiKey).status == .noContent)
            let relist = try await client.relist("Alice.Listed", "1.0.0", apiKey: env.otherAPIKey)
            #expect(relist.status == .forbidden)
            #expect(try await client.json("/v3/query?q=Alice.Listed")["totalHits"]?.int == 0, "still unlisted")
        }
    }

    @Test("the owner pushes further versions; other users push their own new ids")
    func ownersAndNewIDs() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Alice.Lib", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Alice.Lib", "1.1.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Bob.Lib", "1.0.0"), apiKey: env.otherAPIKey)
            #expect(try await client.push(try package("Bob.Lib", "1.1.0").data(), apiKey: env.apiKey).status == .forbidden)
        }
    }

    @Test("unlisting an unknown version is 404 with a message")
    func unlistUnknown() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Known.Id", "1.0.0"), apiKey: env.apiKey)
            for (id, version) in [("Known.Id", "9.0.0"), ("Unknown.Id", "1.0.0")] {
                let response = try await client.unlist(id, version, apiKey: env.apiKey)
                #expect(response.status == .notFound)
                #expect(response.text.trimmingCharacters(in: .newlines) == "Package '\(id)' version '\(version)' was not found.")
                #expect(try await client.relist(id, version, apiKey: env.apiKey).status == .notFound)
            }
        }
    }
}
