import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// The push pipeline on the in-memory stores: no database, folder or server.
@Suite("Push on in-memory stores")
struct InMemoryPushTests {
    @Test("a pushed package is published, rendered (flat container, registration) and audited in its transaction")
    func pushRenders() async throws {
        let gallery = try await InMemoryGallery.open()
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        var package = TestPackage(id: "Contoso.Utils", version: "1.2.0-Beta")
        package.description = "Useful things."
        let result = try await gallery.gallery.push(packageAt: try gallery.upload(package), apiKey: key)

        #expect(result.record.state == .available)
        #expect(try await gallery.store.versions(ofLowerID: "contoso.utils").map(\.normalizedVersion) == ["1.2.0-Beta"])
        let flat = try #require(try await gallery.json("flat/contoso.utils/index.json"))
        #expect(flat["versions"] as? [String] == ["1.2.0-beta"])
        let registration = try #require(try await gallery.json("registration/contoso.utils/index.json"))
        #expect(registration["count"] as? Int == 1)
        #expect(try await gallery.blobs.data(.nupkg(result.record.key)) != nil)
        #expect(try await gallery.store.dirtyLowerIDs().isEmpty)
        let audit = try await gallery.store.auditEvents(since: nil)
        #expect(audit.map(\.action) == ["package.pushed"])
        #expect(audit.first?.actor == "alice/key")
    }

    @Test("the same version again is refused with versionExists")
    func duplicate() async throws {
        let gallery = try await InMemoryGallery.open()
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "A.Lib", version: "1.0.0")), apiKey: key)
        await #expect(throws: GalleryError.versionExists(id: "a.lib", version: "1.0.0")) {
            _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "a.lib", version: "1.0.0.0")), apiKey: key)
        }
    }

    @Test("a push after a dead push's lease lapsed takes its claim over (201, not 409); before, it is refused")
    func staleClaimTakenOver() async throws {
        let gallery = try await InMemoryGallery.open(claimLeaseSeconds: 60)
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        let alice = try #require(try await gallery.store.user(named: "alice"))
        // The state of a push that claimed and died: a pending row whose holder renews nothing any more.
        let now = gallery.clock.now()
        let dead = PackageVersionRecord(
            id: "Half.Pushed", version: "1.0.0", normalizedVersion: "1.0.0", verbatimVersion: "1.0.0", isPrerelease: false,
            isSemVer2: false, state: .pending, created: now, published: now, packageSize: 3, packageHash: "AAAA",
            metadata: PackageMetadata(authors: "x", description: "y"))
        let lease = ClaimLease(token: "dead-push", expires: gallery.clock.now().addingTimeInterval(60))
        #expect(try await gallery.store.claimVersion(dead, owner: alice.key, lease: lease, now: gallery.clock.now()) == .claimed)

        gallery.clock.advance(by: 59)
        await #expect(throws: GalleryError.versionExists(id: "Half.Pushed", version: "1.0.0")) {
            _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "Half.Pushed", version: "1.0.0")), apiKey: key)
        }
        gallery.clock.advance(by: 1)
        let result = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "Half.Pushed", version: "1.0.0")), apiKey: key)
        #expect(result.record.state == .available)
        #expect(try await gallery.store.version(result.record.key)?.state == .available)
        #expect(try await gallery.store.pendingClaims(expiredBefore: gallery.clock.now().addingTimeInterval(86_400)).isEmpty)
    }

    @Test("a push whose claim was taken over while it stalled fails with versionExists and leaves the other push's version")
    func lostClaimFailsCleanly() async throws {
        let blobs = StallingBlobStore()
        let gallery = try await InMemoryGallery.open(blobs: blobs, claimLeaseSeconds: 60)
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        var slow = TestPackage(id: "Raced.Lib", version: "1.0.0")
        slow.description = "The slow push."
        var fast = TestPackage(id: "Raced.Lib", version: "1.0.0")
        fast.description = "The push that took over."
        let fastUpload = try gallery.upload(fast)
        // After the slow push wrote its nuspec, its lease lapses and another push takes the claim over and publishes.
        blobs.onFirstPut = {
            gallery.clock.advance(by: 61)
            _ = try await gallery.gallery.push(packageAt: fastUpload, apiKey: key)
        }
        await #expect(throws: GalleryError.versionExists(id: "Raced.Lib", version: "1.0.0")) {
            _ = try await gallery.gallery.push(packageAt: try gallery.upload(slow), apiKey: key)
        }
        let stored = try #require(try await gallery.store.version(PackageVersionKey(lowerID: "raced.lib", lowerVersion: "1.0.0")))
        #expect(stored.state == .available)
        #expect(stored.metadata.description == "The push that took over.")
        #expect(try await gallery.store.auditEvents(since: nil).filter { $0.action == "package.pushed" }.count == 1)
    }
}

/// An in-memory blob store that runs a hook once, right after the first blob is written.
final class StallingBlobStore: BlobStore, @unchecked Sendable {
    private let inner = InMemoryBlobStore()
    private let lock = NSLock()
    private var hook: (@Sendable () async throws -> Void)?

    /// Runs once, after the first put.
    var onFirstPut: (@Sendable () async throws -> Void)? {
        get { lock.withLock { hook } }
        set { lock.withLock { hook = newValue } }
    }

    private func takeHook() -> (@Sendable () async throws -> Void)? {
        lock.withLock {
            defer { hook = nil }
            return hook
        }
    }

    func put(_ key: BlobKey, movingFileAt path: String) async throws {
        try await inner.put(key, movingFileAt: path)
        if let hook = takeHook() { try await hook() }
    }

    func put(_ key: BlobKey, data: Data) async throws {
        try await inner.put(key, data: data)
        if let hook = takeHook() { try await hook() }
    }

    func data(_ key: BlobKey) async throws -> Data? { try await inner.data(key) }
    func location(_ key: BlobKey) async throws -> BlobLocation? { try await inner.location(key) }
    func delete(_ key: BlobKey) async throws { try await inner.delete(key) }
    func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
}
