import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// The sweeper of interrupted pushes, on the in-memory stores with the test clock.
@Suite("Interrupted push recovery")
struct ClaimRecoveryTests {
    func pending(_ id: String, at now: Date) -> PackageVersionRecord {
        PackageVersionRecord(
            id: id, version: "1.0.0", normalizedVersion: "1.0.0", verbatimVersion: "1.0.0", isPrerelease: false,
            isSemVer2: false, state: .pending, created: now, published: now, packageSize: 3, packageHash: "AAAA",
            metadata: PackageMetadata(authors: "x", description: "y"))
    }

    @Test("claims whose lease lapsed longer than the timeout ago go with their blobs; live ones stay")
    func sweep() async throws {
        let gallery = try await TestGallery.open()
        defer { Task { await gallery.close() } }
        let now = gallery.clock.now()
        let dead = pending("Dead.Push", at: now)
        let live = pending("Live.Push", at: now)
        _ = try await gallery.store.claimVersion(dead, owner: nil, lease: ClaimLease(token: "d", expires: now.addingTimeInterval(60)), now: now)
        _ = try await gallery.store.claimVersion(live, owner: nil, lease: ClaimLease(token: "l", expires: now.addingTimeInterval(60)), now: now)
        try await gallery.blobs.put(.nuspec(dead.key), data: Data("<package/>".utf8))
        try await gallery.blobs.put(.nuspec(live.key), data: Data("<package/>".utf8))

        gallery.clock.advance(by: 90)
        // The live push renewed its lease meanwhile; the dead one did not.
        #expect(try await gallery.store.renewClaim(live.key, lease: ClaimLease(token: "l", expires: gallery.clock.now().addingTimeInterval(60))))
        #expect(try await gallery.gallery.publisher.recoverClaims(olderThan: 60) == 0)  // lapsed 30 s ago: not yet
        gallery.clock.advance(by: 40)
        #expect(try await gallery.gallery.publisher.recoverClaims(olderThan: 60) == 1)

        #expect(try await gallery.store.version(dead.key) == nil)
        #expect(try await gallery.blobs.data(.nuspec(dead.key)) == nil)
        #expect(try await gallery.store.version(live.key)?.state == .pending)
        #expect(try await gallery.blobs.data(.nuspec(live.key)) != nil)
        #expect(try await gallery.store.renewClaim(live.key, lease: ClaimLease(token: "l", expires: gallery.clock.now().addingTimeInterval(60))))
    }
}
