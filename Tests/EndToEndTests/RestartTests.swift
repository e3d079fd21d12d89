import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Everything lives in the data folder: a second application on the same folder serves the same
/// feed (SQLite rows, blobs, rendered documents, catalog, search index, download counts).
@Suite("Restart")
struct RestartTests {
    /// What the first server wrote, as a client saw it.
    struct Snapshot: Sendable {
        var nupkg = Data()
        var flatIndex: JSON = .null
        var registration: JSON = .null
        var catalogItemCount = 0
        var newestCommit = ""
    }

    @Test("a second app on the same data folder serves the same packages, documents, listing and counts")
    func sameFeedAfterRestart() async throws {
        try await withTemporaryDataDirectory { directory in
            let first = Snapshot.Box()
            try await withTestServer(dataDirectory: directory) { client, env in
                first.value.nupkg = try await client.pushCreated(package("Durable.Pkg", "1.0.0") { $0.readme = "kept" }, apiKey: env.apiKey)
                try await client.pushCreated(package("Durable.Pkg", "2.0.0-beta.1"), apiKey: env.apiKey)
                try await client.pushCreated(package("Unlisted.Pkg", "1.0.0"), apiKey: env.apiKey)
                #expect(try await client.unlist("Unlisted.Pkg", "1.0.0", apiKey: env.apiKey).status == .noContent)
                _ = try await client.get(FeedClient.nupkgPath("durable.pkg", "1.0.0"))
                await env.gallery.downloads.flush()
                first.value.flatIndex = try await client.json("/v3/flat/durable.pkg/index.json")
                first.value.registration = try await client.json("/v3/registration-gz-semver2/durable.pkg/index.json")
                first.value.catalogItemCount = try await CatalogTests.allItems(client).count
                first.value.newestCommit = try await client.json("/v3/catalog/index.json")["commitTimeStamp"]?.string ?? ""
            }
            let before = first.value
            try await withTestServer(dataDirectory: directory) { client, env in
                #expect(try await client.get(FeedClient.nupkgPath("durable.pkg", "1.0.0")).data == before.nupkg)
                #expect(try await client.get("/v3/flat/durable.pkg/1.0.0/readme").text == "kept")
                #expect(try await client.json("/v3/flat/durable.pkg/index.json") == before.flatIndex)
                #expect(try await client.json("/v3/registration-gz-semver2/durable.pkg/index.json") == before.registration)
                #expect(try await CatalogTests.allItems(client).count == before.catalogItemCount)
                let search = try await client.json("/v3/query?q=Durable.Pkg&prerelease=true&semVerLevel=2.0.0")
                #expect(search["data"]?[0]?["version"]?.string == "2.0.0-beta.1")
                #expect(search["data"]?[0]?["totalDownloads"]?.int == 1, "download counts survive")
                #expect(try await client.json("/v3/query?q=Unlisted.Pkg")["totalHits"]?.int == 0, "still unlisted")
                #expect(try await client.json("/v3/flat/unlisted.pkg/index.json")["versions"]?.strings == ["1.0.0"])

                // The restarted server keeps refusing the used version and keeps the owner.
                #expect(try await client.push(before.nupkg, apiKey: env.apiKey).status == .conflict)
                #expect(try await client.push(try package("Durable.Pkg", "3.0.0").data(), apiKey: env.otherAPIKey).status == .forbidden)
                // New commits continue after the old ones.
                try await client.pushCreated(package("Durable.Pkg", "3.0.0"), apiKey: env.apiKey)
                let newest = try await client.json("/v3/catalog/index.json")["commitTimeStamp"]?.string ?? ""
                #expect(newest > before.newestCommit, "\(newest) after \(before.newestCommit)")
            }
        }
    }
}

extension RestartTests.Snapshot {
    /// Carries the first server's observations out of its `@Sendable` body.
    final class Box: @unchecked Sendable {
        var value = RestartTests.Snapshot()
    }
}
