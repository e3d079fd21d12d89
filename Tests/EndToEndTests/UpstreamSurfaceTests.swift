import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import NuGetCore
import PalletApp
import PalletTestSupport
import Testing

/// What B (with A as upstream) answers beyond the flat container: V2 for nuget.exe 2.x, registration and search
/// when asked, hash verification of what it keeps, the admin's pin and evict, and a second node on B's stores.
@Suite("Upstreams: V2, registration, search, hashes and the admin's cache through B")
struct UpstreamSurfaceTests {
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any], "\(response.status) \(response.text)")
    }

    @Test("B answers A's packages on V2, in search and registration when asked; local wins; a tampered package is refused")
    func surfaces() async throws {
        let port = try UpstreamTests.freePort()
        try await withTestServer(configure: { config in
            config.upstreams = ["http://127.0.0.1:\(port)"]
            config.upstreamTimeoutSeconds = 60  // no test waits for a timeout: a loaded machine must not turn a slow answer into a 504
        }) { b, bEnv in
            try await b.pushCreated(package("Local.Tool", "1.0.0"), apiKey: bEnv.apiKey)
            let lib = try package("Remote.Lib", "1.0.0") { $0.dependencyGroups = [(nil, [("Remote.Dep", "[2.0.0, )")])] }.data()
            try await withUpstreamServer(port: port) { push, a in
                for nupkg in [lib, try package("Remote.Lib", "1.1.0").data(), try package("Remote.Dep", "2.0.0").data(),
                              try package("Local.Tool", "9.0.0").data(), try package("Tampered.Pkg", "1.0.0").data()] {
                    #expect(await push.push(try UpstreamTests.write(nupkg), skipDuplicate: false).outcome == .published)
                }

                // V2, as nuget.exe 2.8.7 asks: every version with its dependencies, one entry, the download.
                let feed = try await b.get("/api/v2/FindPackagesById()?id='Remote.Lib'")
                #expect(feed.status == .ok, "\(feed.text)")
                #expect(feed.text.contains("<d:Version>1.0.0</d:Version>") && feed.text.contains("<d:Version>1.1.0</d:Version>"), "\(feed.text)")
                #expect(feed.text.contains("Remote.Dep:2.0.0:"))
                let entry = try await b.get("/api/v2/Packages(Id='Remote.Lib',Version='1.0.0')")
                #expect(entry.status == .ok && entry.text.contains("/api/v2/package/Remote.Lib/1.0.0"), "\(entry.text)")
                let download = try await b.get("/api/v2/package/Remote.Lib/1.0.0")
                #expect(download.status == .ok && download.data == lib)
                // Once kept, the entry carries the package's hash and size.
                let sha512 = UpstreamCache.sha512Base64(lib)
                #expect(try await b.get("/api/v2/Packages(Id='Remote.Lib',Version='1.0.0')").text.contains(sha512))
                // Local wins on V2 too; an id nobody has is an empty feed.
                let shadowed = try await b.get("/api/v2/FindPackagesById()?id='Local.Tool'")
                #expect(shadowed.text.contains("<d:Version>1.0.0</d:Version>") && !shadowed.text.contains("9.0.0"))
                #expect(try await b.get("/api/v2/Packages(Id='Nobody.Has',Version='1.0.0')").status == .notFound)

                // Search: local only unless asked; upstream results after local ones, marked, never shadowing.
                #expect(try Self.object(try await b.get("/v3/query?q=Remote"))["totalHits"] as? Int == 0)
                let merged = try Self.object(try await b.get("/v3/query?q=Remote&includeUpstream=true"))
                let hits = try #require(merged["data"] as? [[String: Any]])
                #expect(Set(hits.compactMap { $0["id"] as? String }) == ["Remote.Lib", "Remote.Dep"])
                #expect(hits.allSatisfy { $0["upstream"] as? String == "http://127.0.0.1:\(port)" })
                #expect(merged["totalHits"] as? Int == 2)
                let tool = try #require(try Self.object(try await b.get("/v3/query?q=Local.Tool&includeUpstream=true"))["data"] as? [[String: Any]])
                #expect(tool.count == 1 && tool[0]["upstream"] == nil && tool[0]["version"] as? String == "1.0.0")
                // Paging runs through local results first: a page filled by local ones still counts the upstream's.
                let localPage = try Self.object(try await b.get("/v3/query?q=&take=1&includeUpstream=true"))
                let upstreamPage = try Self.object(try await b.get("/v3/query?q=&skip=1&take=10&includeUpstream=true"))
                #expect((localPage["data"] as? [[String: Any]])?.first?["id"] as? String == "Local.Tool")
                #expect(localPage["totalHits"] as? Int == upstreamPage["totalHits"] as? Int)
                let later = try #require(upstreamPage["data"] as? [[String: Any]])
                #expect(Set(later.compactMap { $0["id"] as? String }) == ["Remote.Lib", "Remote.Dep", "Tampered.Pkg"], "\(later)")

                // Registration: 404 unless asked; then rendered here, links through B, marked.
                #expect(try await b.get("/v3/registration/remote.lib/index.json").status == .notFound)
                let registration = try Self.object(try await b.get("/v3/registration/remote.lib/index.json?includeUpstream=true"))
                #expect(registration["upstream"] as? [String] == ["http://127.0.0.1:\(port)"])
                let pages = try #require(registration["items"] as? [[String: Any]])
                let leaves = pages.flatMap { $0["items"] as? [[String: Any]] ?? [] }
                #expect(leaves.count == 2)
                let content = try #require(leaves.first?["packageContent"] as? String)
                #expect(content.hasPrefix(bEnv.gallery.urls.base) && content.hasSuffix("/v3/flat/remote.lib/1.0.0/remote.lib.1.0.0.nupkg"))
                #expect(try await b.get("/v3/registration/local.tool/index.json?includeUpstream=true").text.contains("9.0.0") == false)

                // A serves other bytes than it published the hash of: B refuses them and keeps nothing.
                let tampered = PackageVersionKey(lowerID: "tampered.pkg", lowerVersion: "1.0.0")
                try await a.blobs.put(.nupkg(tampered), data: try package("Tampered.Pkg", "1.0.0") { $0.description = "other bytes" }.data())
                let refused = try await b.get(FeedClient.nupkgPath("tampered.pkg", "1.0.0"))
                #expect(refused.status == .badGateway)
                #expect(refused.text.contains("does not match the SHA512 hash the upstream publishes for it; it was not kept"), "\(refused.text)")
                #expect(try await bEnv.gallery.upstreamCache.entries(lowerID: "tampered.pkg").allSatisfy { !$0.files.contains("tampered.pkg.1.0.0.nupkg") })
            }

            // The admin's view of what B keeps: remote.lib 1.0.0 verified against A's hash; pin, evict, audited.
            let kept = try await bEnv.gallery.upstreamCache.entries(lowerID: "remote.lib")
            #expect(kept.map(\.key.lowerVersion) == ["1.0.0", "1.1.0"])
            #expect(kept[0].origin?.verified == true && kept[0].origin?.packageHash == UpstreamCache.sha512Base64(lib))
            #expect(kept[1].origin == nil && kept[1].files == ["remote.lib.nuspec"], "V2 kept 1.1.0's nuspec only")
            let pinned = try await bEnv.gallery.setUpstreamPinned(true, lowerID: "remote.lib", lowerVersion: "1.0.0", by: .adminCLI())
            #expect(pinned.map(\.lowerVersion) == ["1.0.0"])
            let (evicted, keptPinned) = try await bEnv.gallery.evictUpstream(lowerID: "remote.lib", lowerVersion: nil, by: .adminCLI())
            #expect(evicted.map(\.lowerVersion) == ["1.1.0"] && keptPinned.map(\.lowerVersion) == ["1.0.0"])
            #expect(try await bEnv.gallery.upstreamCache.entries(lowerID: "remote.lib").map(\.key.lowerVersion) == ["1.0.0"])
            let actions = try await bEnv.gallery.store.auditEvents(since: nil).map(\.action)
            #expect(actions.contains("upstream.pinned") && actions.contains("upstream.evicted"))
            await #expect(throws: GalleryError.self) {
                _ = try await bEnv.gallery.evictUpstream(lowerID: "never.cached", lowerVersion: nil, by: .adminCLI())
            }

            // The web page of a kept upstream package says where it came from; nothing kept, no page.
            let page = try await b.get("/packages/Remote.Lib")
            #expect(page.status == .ok && page.text.contains("From upstream ") && page.text.contains("127.0.0.1:\(port)"), "\(page.status)")
            #expect(try await b.get("/packages/Remote.Dep").status == .notFound)

            // A is stopped. A second node on B's stores (a fresh cache, A unreachable) lists and serves what B kept.
            let node2 = Upstreams(
                sources: [HTTPUpstreamSource(url: "http://127.0.0.1:\(port)", timeoutSeconds: 2)], clock: bEnv.gallery.clock,
                cache: bEnv.gallery.upstreamCache)
            #expect(try await node2.versionList(lowerID: "remote.lib")?.versions.map(\.version) == ["1.0.0"])
            #expect(try await node2.file(lowerID: "remote.lib", lowerVersion: "1.0.0", name: "remote.lib.1.0.0.nupkg") == lib)
            // B itself, A down: the pinned package on V2 and the flat container; an uncached one is a 502.
            #expect(try await b.get("/api/v2/package/Remote.Lib/1.0.0").data == lib)
            let uncached = try await b.get("/api/v2/package/Remote.Dep/2.0.0")
            #expect(uncached.status == .badGateway, "\(uncached.status) \(uncached.text)")
        }
    }
}
