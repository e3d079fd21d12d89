import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Downloads are counted in memory and flushed in batches (design "Read path"); after a flush
/// search shows them per version and in total (protocol §5 `versions[].downloads`, `totalDownloads`).
@Suite("Download counts")
struct DownloadCountTests {
    @Test("GETs of the .nupkg are counted per version after flush; HEAD, nuspec and 304 are not downloads")
    func counted() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Counted.Pkg", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Counted.Pkg", "2.0.0"), apiKey: env.apiKey)
            for _ in 0..<3 { #expect(try await client.get(FeedClient.nupkgPath("counted.pkg", "1.0.0")).status == .ok) }
            #expect(try await client.get("/v3/flat/Counted.Pkg/2.0.0/counted.pkg.2.0.0.nupkg").status == .ok)
            _ = try await client.head(FeedClient.nupkgPath("counted.pkg", "2.0.0"))
            _ = try await client.get("/v3/flat/counted.pkg/2.0.0/counted.pkg.nuspec")
            await env.gallery.downloads.flush()

            let hit = try #require(try await client.json("/v3/query?q=Counted.Pkg")["data"]?[0])
            let downloads = Dictionary(uniqueKeysWithValues: (hit["versions"]?.array ?? []).compactMap { version in
                version["version"]?.string.map { ($0, version["downloads"]?.int ?? -1) }
            })
            #expect(downloads == ["1.0.0": 3, "2.0.0": 1])
            #expect(hit["totalDownloads"]?.int == 4)
        }
    }

    @Test("counts accumulate across flushes")
    func accumulate() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Popular.Pkg", "1.0.0"), apiKey: env.apiKey)
            _ = try await client.get(FeedClient.nupkgPath("popular.pkg", "1.0.0"))
            await env.gallery.downloads.flush()
            _ = try await client.get(FeedClient.nupkgPath("popular.pkg", "1.0.0"))
            _ = try await client.get(FeedClient.nupkgPath("popular.pkg", "1.0.0"))
            await env.gallery.downloads.flush()
            await env.gallery.downloads.flush()
            #expect(try await client.json("/v3/query?q=Popular.Pkg")["data"]?[0]?["totalDownloads"]?.int == 3)
        }
    }

    @Test("downloads of an unlisted version still count and reappear after relist")
    func unlistedDownloads() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Hidden.Count", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Hidden.Count", "1.0.0", apiKey: env.apiKey).status == .noContent)
            _ = try await client.get(FeedClient.nupkgPath("hidden.count", "1.0.0"))
            _ = try await client.get(FeedClient.nupkgPath("hidden.count", "1.0.0"))
            await env.gallery.downloads.flush()
            #expect(try await client.relist("Hidden.Count", "1.0.0", apiKey: env.apiKey).status == .ok)
            #expect(try await client.json("/v3/query?q=Hidden.Count")["data"]?[0]?["totalDownloads"]?.int == 2)
        }
    }
}
