import Foundation
import Gallery
import PalletApp
import PalletTestSupport
import Testing

@Suite("pallet mirror --ids and its progress line")
struct MirrorFilterTests {
    @Test("--ids copies only matching ids; the progress line counts the rest as done and ends at its total with an ETA")
    func filtered() async throws {
        let port = try UpstreamTests.freePort()
        try await withTestServer { _, bEnv in
            try await withUpstreamServer(port: port) { push, _ in
                for (id, version) in [("Keep.One", "1.0.0"), ("Keep.Two", "1.0.0"), ("Drop.One", "1.0.0"), ("Keep.One", "2.0.0")] {
                    #expect(await push.push(try UpstreamTests.write(try package(id, version).data()), skipDuplicate: false).outcome == .published)
                }
                let principal = try await PackageImporter.principal(gallery: bEnv.gallery, actingAs: nil, ownerName: "bob")
                let mirror = CatalogMirror(
                    source: "http://127.0.0.1:\(port)/v3/index.json", gallery: bEnv.gallery, principal: principal,
                    dataDirectory: bEnv.dataDirectory, ids: ["Keep.*"])
                let lines = Lines()
                let results = try await mirror.run(parallelism: 2, progress: BulkProgress(total: 0, interactive: true, write: lines.append))
                #expect(BulkSummary(results, seconds: 0).published == 3)
                #expect(try await bEnv.gallery.store.versions(ofLowerID: "keep.one").count == 2)
                #expect(try await bEnv.gallery.store.versions(ofLowerID: "drop.one").isEmpty)
                let last = try #require(lines.all.last { $0.contains("[") })
                #expect(last.contains("[4/4] ") && last.contains(", ETA 0 s"), "\(last)")
                #expect(mirror.cursor() != nil)

                // Another selection keeps a cursor of its own: every id now copies what the filtered run passed over.
                let everything = CatalogMirror(
                    source: "http://127.0.0.1:\(port)/v3/index.json", gallery: bEnv.gallery, principal: principal,
                    dataDirectory: bEnv.dataDirectory)
                #expect(everything.cursor() == nil)
                let rest = BulkSummary(try await everything.run(parallelism: 2), seconds: 0)
                #expect(rest.published == 1 && rest.skipped == 3, "\(rest)")
                #expect(try await bEnv.gallery.store.versions(ofLowerID: "drop.one").count == 1)
            }
        }
    }

    @Test("the ETA is the remaining count at the rate of the items that did work", arguments: [
        (0.0, "0 s"), (59.4, "59 s"), (61.0, "1 min 1 s"), (7322.0, "2 h 2 min"),
    ])
    func duration(seconds: Double, text: String) {
        #expect(BulkProgress.duration(seconds) == text)
    }
}
