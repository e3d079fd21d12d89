import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// The push pipeline's claim lease on every metadata store, with the test clock (no sleeping): a dead push's
/// claim is taken over once its lease lapsed, and a push that lost its claim fails cleanly.
@Suite("Push claim leases")
struct PushClaimLeaseTests {
    /// Runs `body` with a gallery on a fresh store of `kind`, the given blob store and a 60 s claim lease.
    func withGallery(
        _ kind: StoreKind, blobs: (any BlobStore)? = nil, _ body: (TestGallery) async throws -> Void
    ) async throws {
        try await withDatabase(kind) { database in
            let clock = TestClock()
            let store: any MetadataStore = kind == .memory ? InMemoryMetadataStore(clock: clock) : try await database.open()
            let gallery = try await TestGallery.open(clock: clock, store: store, blobs: blobs, claimLeaseSeconds: 60)
            do {
                try await body(gallery)
            } catch {
                await gallery.close()
                throw error
            }
            await gallery.close()
        }
    }

    static func pending(_ id: String, at now: Date) -> PackageVersionRecord {
        PackageVersionRecord(
            id: id, version: "1.0.0", normalizedVersion: "1.0.0", verbatimVersion: "1.0.0", isPrerelease: false,
            isSemVer2: false, state: .pending, created: now, published: now, packageSize: 3, packageHash: "AAAA",
            metadata: PackageMetadata(authors: "x", description: "y"))
    }

    @Test("a push after a dead push's lease lapsed takes its claim over (201, not 409); before, it is refused", arguments: StoreKind.available)
    func staleClaimTakenOver(kind: StoreKind) async throws {
        try await withGallery(kind) { gallery in
            let key = try await gallery.userWithKey("alice")
            let alice = try #require(try await gallery.store.user(named: "alice"))
            // The state of a push that claimed and died: a pending row whose holder renews nothing any more.
            let now = gallery.clock.now()
            let lease = ClaimLease(token: "dead-push", expires: now.addingTimeInterval(60))
            #expect(try await gallery.store.claimVersion(Self.pending("Half.Pushed", at: now), owner: alice.key, lease: lease, now: now) == .claimed)

            gallery.clock.advance(by: 59)
            await #expect(throws: GalleryError.versionExists(id: "Half.Pushed", version: "1.0.0")) {
                _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "Half.Pushed", version: "1.0.0")), by: try await gallery.gallery.authenticator.authenticate(key))
            }
            gallery.clock.advance(by: 1)
            let result = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "Half.Pushed", version: "1.0.0")), by: try await gallery.gallery.authenticator.authenticate(key))
            #expect(result.record.state == .available)
            #expect(try await gallery.store.version(result.record.key)?.packageHash == result.record.packageHash)
            #expect(try await gallery.store.pendingClaims(expiredBefore: .distantFuture).isEmpty)
            let flat = try #require(try await gallery.json("flat/half.pushed/index.json"))
            #expect(flat["versions"] as? [String] == ["1.0.0"])
        }
    }

    @Test("a push whose claim was taken over while it stalled fails with 409 and leaves the other push's version", arguments: StoreKind.available)
    func lostClaimFailsCleanly(kind: StoreKind) async throws {
        let blobs = HookedBlobStore()
        try await withGallery(kind, blobs: blobs) { gallery in
            let key = try await gallery.userWithKey("alice")
            var slow = TestPackage(id: "Raced.Lib", version: "1.0.0")
            slow.description = "The slow push."
            var fast = TestPackage(id: "Raced.Lib", version: "1.0.0")
            fast.description = "The push that took over."
            let fastUpload = try gallery.upload(fast)
            // After the slow push wrote its nuspec, its lease lapses and another push takes the claim over and publishes.
            blobs.afterNextPut(matching: { if case .nuspec = $0 { true } else { false } }) {
                gallery.clock.advance(by: 61)
                _ = try await gallery.gallery.push(packageAt: fastUpload, by: try await gallery.gallery.authenticator.authenticate(key))
            }
            await #expect(throws: GalleryError.versionExists(id: "Raced.Lib", version: "1.0.0")) {
                _ = try await gallery.gallery.push(packageAt: try gallery.upload(slow), by: try await gallery.gallery.authenticator.authenticate(key))
            }
            let stored = try #require(try await gallery.store.version(PackageVersionKey(lowerID: "raced.lib", lowerVersion: "1.0.0")))
            #expect(stored.state == .available)
            #expect(stored.metadata.description == "The push that took over.")
            // The slow push stopped before its nupkg: the one stored is the winner's.
            let nupkg = try #require(try await gallery.blobs.data(.nupkg(stored.key)))
            #expect(nupkg.count == Int(stored.packageSize))
            #expect(try await gallery.store.auditEvents(since: nil).filter { $0.action == "package.pushed" }.count == 1)
        }
    }

    @Test("a push in progress renews its claim: another push during a long upload is refused, and the first one publishes", arguments: StoreKind.available)
    func renewedWhileStoring(kind: StoreKind) async throws {
        let blobs = HookedBlobStore()
        try await withGallery(kind, blobs: blobs) { gallery in
            let key = try await gallery.userWithKey("alice")
            let racer = try gallery.upload(TestPackage(id: "Slow.Lib", version: "1.0.0"))
            // 50 s into the upload (lease 60 s), and again 50 s later: a lapsed lease would have been taken over.
            // The side files are written together, then the nupkg: the hooks stall after the nuspec and the nupkg.
            blobs.afterNextPut(matching: { if case .nuspec = $0 { true } else { false } }) {
                gallery.clock.advance(by: 50)
                await #expect(throws: GalleryError.versionExists(id: "Slow.Lib", version: "1.0.0")) {
                    _ = try await gallery.gallery.push(packageAt: racer, by: try await gallery.gallery.authenticator.authenticate(key))
                }
                blobs.afterNextPut(matching: { if case .nupkg = $0 { true } else { false } }) {
                    gallery.clock.advance(by: 50)
                    await #expect(throws: GalleryError.versionExists(id: "Slow.Lib", version: "1.0.0")) {
                        _ = try await gallery.gallery.push(packageAt: racer, by: try await gallery.gallery.authenticator.authenticate(key))
                    }
                }
            }
            var slow = TestPackage(id: "Slow.Lib", version: "1.0.0")
            slow.readme = "# Slow"
            let result = try await gallery.gallery.push(packageAt: try gallery.upload(slow), by: try await gallery.gallery.authenticator.authenticate(key))
            #expect(result.record.state == .available)
            #expect(try await gallery.blobs.data(.readme(result.record.key)) != nil)
        }
    }

    @Test("racing pushes of one version give exactly one success", arguments: StoreKind.available)
    func racingPushes(kind: StoreKind) async throws {
        try await withGallery(kind) { gallery in
            let key = try await gallery.userWithKey("alice")
            let uploads = try (0..<6).map { _ in try gallery.upload(TestPackage(id: "Race.Lib", version: "2.0.0")) }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for upload in uploads {
                    group.addTask { (try? await gallery.gallery.push(packageAt: upload, by: try await gallery.gallery.authenticator.authenticate(key))) != nil }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await gallery.store.versions(ofLowerID: "race.lib").count == 1)
        }
    }
}
