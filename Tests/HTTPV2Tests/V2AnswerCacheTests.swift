import Foundation
import Gallery
@testable import HTTPV2
import HTTPTypes
import HummingbirdTesting
import Logging
import NuGetCore
import PalletTestSupport
import Testing

/// `FindPackagesById()` and `Packages(Id,Version)` answers are kept per id (`V2AnswerCache`); asked again after each
/// write of the id they answer the new state at once, on the backend the suite runs on (embedded, or PostgreSQL + S3
/// with `PALLET_TEST_BACKEND=postgres-s3`).
@Suite("V2 restore reads follow every change of their id")
struct V2AnswerCacheTests {
    static let find = "/api/v2/FindPackagesById()?id='Cache.Lib'"
    static let entry = "/api/v2/Packages(Id='Cache.Lib',Version='1.1.0')"

    /// What a restore sees: each version with its listing, latest flag and download count, and the entry's.
    static func state(_ server: V2Server) async throws -> [String] {
        let feed = try await server.feed(find)
        let entry = try #require(try await server.feed(entry).entries.first)
        return feed.entries.map {
            "\($0.version) listed=\($0.property("Listed") ?? "-") latest=\($0.property("IsLatestVersion") ?? "-") "
                + "downloads=\($0.property("VersionDownloadCount") ?? "-")/\($0.property("DownloadCount") ?? "-")"
        } + ["entry listed=\(entry.property("Listed") ?? "-") latest=\(entry.property("IsLatestVersion") ?? "-")"]
    }

    @Test("asked again after a push, an unlist, a relist, a deprecation that unlists, a download flush and a hard delete")
    func freshness() async throws {
        try await V2Server.with { server in
            try await server.push("Cache.Lib", "1.0.0")
            try await server.push("Cache.Lib", "1.1.0")
            let first = try await Self.state(server)
            #expect(first == [
                "1.0.0 listed=true latest=false downloads=0/0", "1.1.0 listed=true latest=true downloads=0/0",
                "entry listed=true latest=true",
            ])
            #expect(try await Self.state(server) == first)  // answered from the cache now

            try await server.push("Cache.Lib", "2.0.0")
            #expect(try await Self.state(server) == [
                "1.0.0 listed=true latest=false downloads=0/0", "1.1.0 listed=true latest=false downloads=0/0",
                "2.0.0 listed=true latest=true downloads=0/0", "entry listed=true latest=false",
            ])

            #expect(try await server.unlist("Cache.Lib", "1.1.0").status == .noContent)
            #expect(try await Self.state(server).contains("1.1.0 listed=false latest=false downloads=0/0"))
            #expect(try await Self.state(server).last == "entry listed=false latest=false")
            let relisted = try await server.client.execute(
                uri: "/api/v2/package/Cache.Lib/1.1.0", method: .post, headers: [.nuGetAPIKey: server.apiKey], body: nil)
            #expect(relisted.status == .ok)
            #expect(try await Self.state(server).contains("1.1.0 listed=true latest=false downloads=0/0"))

            // A deprecation that unlists 2.0.0 makes 1.1.0 the latest again.
            _ = try await server.gallery.deprecate(
                "Cache.Lib", DeprecationRequest(versions: ["2.0.0"], reasons: [.legacy], listing: .unlist), by: .adminCLI())
            #expect(try await Self.state(server) == [
                "1.0.0 listed=true latest=false downloads=0/0", "1.1.0 listed=true latest=true downloads=0/0",
                "2.0.0 listed=false latest=false downloads=0/0", "entry listed=true latest=true",
            ])

            #expect(try await server.get("/api/v2/package/Cache.Lib/1.0.0").status == .ok)
            await server.gallery.downloads.flush()
            #expect(try await Self.state(server).first == "1.0.0 listed=true latest=false downloads=1/1")

            let admin = server.gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
            try await admin.deletePackageVersion("Cache.Lib", version: "2.0.0", reason: "test", by: .adminCLI())
            #expect(try await Self.state(server) == [
                "1.0.0 listed=true latest=false downloads=1/1", "1.1.0 listed=true latest=true downloads=0/1",
                "entry listed=true latest=true",
            ])
        }
    }

    @Test("a kept feed says the time of each answer in its <updated>, and is otherwise the same bytes")
    func updatedIsNow() async throws {
        let clock = TestClock()
        var options = TestServerOptions()
        options.clock = clock
        try await withTestApplication(options) { client, environment in
            let server = V2Server(client: client, gallery: environment.gallery, apiKey: environment.apiKey)
            try await server.push("Cache.Lib", "1.0.0")
            let first = try await server.get(Self.find).text
            clock.advance(by: 3600)
            let second = try await server.get(Self.find).text
            #expect(first != second)
            let updated = #/<feed [^>]*><id>[^<]*</id><title type="text">FindPackagesById</title><updated>([^<]*)</updated>/#
            let (a, b) = (try #require(first.firstMatch(of: updated)), try #require(second.firstMatch(of: updated)))
            #expect(a.1 == "2025-06-15T15:06:40.000Z")
            #expect(b.1 == "2025-06-15T16:06:40.000Z")
            #expect(first.replacingCharacters(in: a.range, with: "") == second.replacingCharacters(in: b.range, with: ""))
        }
    }
}

/// The cache itself: an answer is kept while the id's feed generation and download counts are those it was made at.
@Suite("V2 answer cache")
struct V2AnswerCacheUnitTests {
    static func package(_ view: PackageFeedView, _ versions: [String]) throws -> FeedPackage {
        view.upsert(lowerID: "cache.lib", records: versions.map { version in
            PackageVersionRecord(
                id: "Cache.Lib", version: version, normalizedVersion: version, verbatimVersion: version, isPrerelease: false,
                isSemVer2: false, listed: true, created: .init(timeIntervalSince1970: 0), published: .init(timeIntervalSince1970: 0),
                packageSize: 1, packageHash: "h", downloads: 0, metadata: PackageMetadata(authors: "a", description: "d"))
        })
        return try #require(view.snapshot().packages["cache.lib"])
    }

    @Test("kept while unchanged; made again when the id's versions or its download counts change; starts over when full")
    func keeps() async throws {
        let view = PackageFeedView(search: SearchIndex())
        let cache = V2AnswerCache(capacityBytes: 64)
        var made = 0
        func answer(_ key: String, _ package: FeedPackage, _ downloads: FeedDownloads, _ text: String) async -> String {
            await cache.answer(key, package: package, downloads: downloads) {
                made += 1
                return V2AnswerCache.Answer(head: text, tail: nil)
            }.head
        }
        let none = FeedDownloads(total: 0, byLowerVersion: [:])
        let one = try Self.package(view, ["1.0.0"])
        #expect(await answer("k", one, none, "first") == "first")
        #expect(await answer("k", one, none, "second") == "first")
        #expect(cache.hits == 1)
        #expect(await answer("k", one, FeedDownloads(total: 1, byLowerVersion: ["1.0.0": 1]), "counted") == "counted")
        let two = try Self.package(view, ["1.0.0", "2.0.0"])
        #expect(two.generation > one.generation)
        #expect(await answer("k", two, none, "pushed") == "pushed")
        // An answer made from the older state does not replace the newer one.
        #expect(await answer("k", one, none, "stale") == "stale")
        #expect(await answer("k", two, none, "again") == "pushed")
        #expect(made == 4)
        // 64 bytes: a third answer of 30 bytes starts over.
        let long = String(repeating: "x", count: 30)
        #expect(await answer("a", two, none, long) == long)
        #expect(await answer("b", two, none, long) == long)
        #expect(await answer("k", two, none, "after") == "after")
        #expect(made == 7)
    }
}
