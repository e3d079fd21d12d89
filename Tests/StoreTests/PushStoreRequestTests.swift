import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// What one push asks of the object store (counted by a twin of the blob store, never timed), and what a push
/// whose blob write fails midway leaves behind, on every metadata store (issue 13).
@Suite("Push object-store requests")
struct PushStoreRequestTests {
    func withGallery(_ kind: StoreKind, blobs: CountingBlobStore, _ body: (TestGallery) async throws -> Void) async throws {
        try await withDatabase(kind) { database in
            let clock = TestClock()
            let store: any MetadataStore = kind == .memory ? InMemoryMetadataStore(clock: clock) : try await database.open()
            let gallery = try await TestGallery.open(clock: clock, store: store, blobs: blobs)
            do {
                try await body(gallery)
            } catch {
                await gallery.close()
                throw error
            }
            await gallery.close()
        }
    }

    func push(_ package: TestPackage, to gallery: TestGallery, key: String) async throws -> PushResult {
        try await gallery.gallery.push(packageAt: try gallery.upload(package), by: try await gallery.gallery.authenticator.authenticate(key))
    }

    @Test("a new version is one PUT per blob and stored document it changes: no GET, no manifest, the catalog page and index written behind", arguments: StoreKind.available)
    func requestsOfOnePush(kind: StoreKind) async throws {
        let blobs = CountingBlobStore()
        try await withGallery(kind, blobs: blobs) { gallery in
            let key = try await gallery.userWithKey("alice")
            _ = try await push(TestPackage(id: "Counted.Lib", version: "1.0.0"), to: gallery, key: key)
            try await gallery.gallery.catalog.flush()
            blobs.resetRequests()
            _ = try await push(TestPackage(id: "Counted.Lib", version: "1.1.0"), to: gallery, key: key)

            let requests = blobs.requests
            #expect(requests.allSatisfy { $0.method == "PUT" }, "\(requests)")
            let paths = requests.map(\.path)
            #expect(Set(paths).count == paths.count, "each blob written once: \(paths)")
            #expect(!paths.contains { $0.contains("_manifests") }, "the manifest is kept in the database")
            let nuspec = try #require(paths.firstIndex(of: "packages/counted.lib/1.1.0/counted.lib.nuspec"))
            let nupkg = try #require(paths.firstIndex(of: "packages/counted.lib/1.1.0/counted.lib.1.1.0.nupkg"))
            let leaf = try #require(paths.firstIndex { $0.hasPrefix("v3/catalog/data/") && $0.hasSuffix("/counted.lib.1.1.0.json") })
            #expect(nuspec < nupkg && leaf < nupkg, "the nupkg is stored last of the package's blobs")
            #expect(paths.filter { $0.hasPrefix("v3/catalog/data/") }.count == 1, "the other version's leaf is not rewritten")
            #expect(paths.contains("v3/flat/counted.lib/index.json"))
            #expect(!paths.contains { $0.hasPrefix("v3/catalog/") && !$0.hasPrefix("v3/catalog/data/") }, "the catalog's page and index wait for the flush")
            // Every registration hive gets its index and the new version's leaf, and nothing else.
            let registration = paths.filter { $0.hasPrefix("v3/registration") }
            let hives = Set(registration.map { $0.split(separator: "/")[1] })
            #expect(hives.count == FeedURLs.Hive.allCases.count, "\(registration)")
            #expect(registration.allSatisfy { $0.hasSuffix("/counted.lib/index.json") || $0.hasSuffix("/counted.lib/1.1.0.json") })
            #expect(registration.count == 2 * hives.count)
            // nuspec, nupkg, catalog leaf, flat index, and the registration documents.
            #expect(paths.count == 4 + registration.count, "\(paths)")
            // Every document is written after the package's blobs.
            #expect(requests.indices.filter { requests[$0].path.hasPrefix("v3/") && $0 != leaf }.allSatisfy { $0 > nupkg })

            // This node serves the new version everywhere at once, from memory: no read reaches the blob store.
            blobs.resetRequests()
            let catalog = try #require(try await gallery.json("catalog/page0.json"))
            #expect((catalog["items"] as? [Any])?.count == 2)
            #expect(try await gallery.json("catalog/index.json")?["count"] as? Int == 1)
            for hive in FeedURLs.Hive.allCases {
                #expect(try await gallery.json("\(hive.rawValue)/counted.lib/1.1.0.json")?["listed"] as? Bool == true, "\(hive)")
            }
            #expect(blobs.requests.isEmpty, "\(blobs.requests)")

            // The flush writes the page and then the index, with the bytes this node serves, once.
            try await gallery.gallery.catalog.flush()
            #expect(blobs.requests.map(\.description) == ["PUT v3/catalog/page0.json", "PUT v3/catalog/index.json"])
            for path in ["catalog/page0.json", "catalog/index.json"] {
                let served = try await gallery.gallery.documents.document(at: path)
                #expect(try await gallery.blobs.data(.document(path)) == served?.body, "\(path)")
            }
            blobs.resetRequests()
            try await gallery.gallery.catalog.flush()
            #expect(blobs.requests.isEmpty, "nothing new to write")
        }
    }

    @Test("a failed blob write (a side file, or the nupkg) leaves no version, no id and no catalog leaf; pushing again works", arguments: StoreKind.available)
    func failedWriteLeavesNothing(kind: StoreKind) async throws {
        let blobs = CountingBlobStore()
        try await withGallery(kind, blobs: blobs) { gallery in
            let key = try await gallery.userWithKey("alice")
            let failures: [(String, @Sendable (BlobKey) -> Bool)] = [
                ("nuspec", { if case .nuspec = $0 { true } else { false } }),
                ("readme", { if case .readme = $0 { true } else { false } }),
                ("nupkg", { if case .nupkg = $0 { true } else { false } }),
            ]
            var package = TestPackage(id: "Broken.Lib", version: "1.0.0")
            package.readme = "# Broken"
            for (name, failing) in failures {
                blobs.failPuts(matching: failing)
                await #expect(throws: CountingBlobStore.InjectedFailure.self, "\(name)") {
                    _ = try await push(package, to: gallery, key: key)
                }
                let versionKey = PackageVersionKey(lowerID: "broken.lib", lowerVersion: "1.0.0")
                #expect(try await gallery.store.version(versionKey) == nil, "\(name): no row, not even a pending claim")
                #expect(try await gallery.store.owners(ofLowerID: "broken.lib").isEmpty, "\(name): the new id is not taken")
                #expect(try await gallery.store.catalogCount() == 0)
                #expect(try await gallery.blobs.data(.nupkg(versionKey)) == nil, "\(name)")
                #expect(try await gallery.blobs.list(prefix: "v3/catalog/data/").isEmpty, "\(name): the leaf is removed")
                #expect(try await gallery.json("flat/broken.lib/index.json") == nil, "\(name)")
                #expect(try await gallery.store.auditEvents(since: nil).filter { $0.action == "package.pushed" }.isEmpty)
            }
            blobs.failPuts(matching: nil)
            let result = try await push(package, to: gallery, key: key)
            #expect(result.record.state == .available)
            let flat = try #require(try await gallery.json("flat/broken.lib/index.json"))
            #expect(flat["versions"] as? [String] == ["1.0.0"])
            #expect(try await gallery.blobs.data(.readme(result.record.key)) != nil)
        }
    }
}
