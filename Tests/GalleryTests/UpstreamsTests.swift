import Foundation
import Gallery
import GalleryTestSupport
import Synchronization
import Testing

/// A scripted upstream: a fixed catalog, a request counter, and a switch to make it fail.
final class FakeUpstream: UpstreamSource {
    let name: String
    let listing: Mutex<[String: [String]]>
    var packages: [String: [String]] { listing.withLock { $0 } }
    let requests = Atomic<Int>(0)
    let fileRequests = Atomic<Int>(0)
    /// The hash the upstream publishes per `id/version` (none: it offers none).
    let hashes: Mutex<[String: String]> = Mutex([:])
    let down = Atomic<Bool>(false)
    /// Requests wait for this many milliseconds (to overlap concurrent misses).
    let delayMilliseconds: Int

    init(_ name: String, _ packages: [String: [String]], delayMilliseconds: Int = 0) {
        self.name = name
        self.listing = Mutex(packages)
        self.delayMilliseconds = delayMilliseconds
    }

    func versions(lowerID: String) async throws -> [String]? {
        requests.add(1, ordering: .relaxed)
        if delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(delayMilliseconds)) }
        if down.load(ordering: .relaxed) { throw UpstreamFailure("\(name) cannot be reached") }
        return packages[lowerID]
    }

    func file(lowerID: String, lowerVersion: String, name fileName: String) async throws -> Data? {
        fileRequests.add(1, ordering: .relaxed)
        if down.load(ordering: .relaxed) { throw UpstreamFailure("\(name) cannot be reached") }
        guard packages[lowerID]?.contains(lowerVersion) == true else { return nil }
        return Data("\(self.name):\(lowerID):\(lowerVersion):\(fileName)".utf8)
    }

    func packageHash(lowerID: String, lowerVersion: String) async throws -> String? {
        hashes.withLock { $0["\(lowerID)/\(lowerVersion)"] }
    }
}

@Suite("Upstreams: cache, coalescing, breaker")
struct UpstreamsTests {
    func make(_ sources: [FakeUpstream], clock: TestClock, blobs: InMemoryBlobStore = InMemoryBlobStore()) -> (Upstreams, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-upstream-\(UUID().uuidString)")
        let upstreams = Upstreams(
            sources: sources, clock: clock, cache: UpstreamCache(blobs: blobs), ttl: 600, negativeTTL: 60,
            breakerThreshold: 2, breakerCooldown: 30)
        return (upstreams, folder)
    }

    @Test("versions are merged in upstream order; the first upstream listing a version serves it")
    func merged() async throws {
        let first = FakeUpstream("first", ["lib": ["1.0.0", "2.0.0"]])
        let second = FakeUpstream("second", ["lib": ["2.0.0", "3.0.0"]])
        let (upstreams, folder) = make([first, second], clock: TestClock())
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try #require(try await upstreams.versionList(lowerID: "lib"))
        #expect(list.versions.map(\.version) == ["1.0.0", "2.0.0", "3.0.0"])
        #expect(list.versions.map(\.source) == [0, 0, 1])
        let file = try await upstreams.file(lowerID: "lib", lowerVersion: "3.0.0", name: "lib.3.0.0.nupkg")
        #expect(file == Data("second:lib:3.0.0:lib.3.0.0.nupkg".utf8))
    }

    @Test("a list is reused for its TTL, a miss for the negative TTL")
    func ttl() async throws {
        let source = FakeUpstream("one", ["lib": ["1.0.0"]])
        let clock = TestClock()
        let (upstreams, folder) = make([source], clock: clock)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await upstreams.versionList(lowerID: "lib")
        #expect(try await upstreams.versionList(lowerID: "missing") == nil)
        clock.advance(by: 59)
        _ = try await upstreams.versionList(lowerID: "lib")
        #expect(try await upstreams.versionList(lowerID: "missing") == nil)
        #expect(source.requests.load(ordering: .relaxed) == 2)
        clock.advance(by: 2)
        #expect(try await upstreams.versionList(lowerID: "missing") == nil)
        _ = try await upstreams.versionList(lowerID: "lib")
        #expect(source.requests.load(ordering: .relaxed) == 3)
        clock.advance(by: 600)
        _ = try await upstreams.versionList(lowerID: "lib")
        #expect(source.requests.load(ordering: .relaxed) == 4)
    }

    @Test("concurrent misses for one id make one upstream request")
    func coalesced() async throws {
        let source = FakeUpstream("slow", ["lib": ["1.0.0"]], delayMilliseconds: 200)
        let (upstreams, folder) = make([source], clock: TestClock())
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withThrowingTaskGroup(of: Upstreams.VersionList?.self) { group in
            for _ in 0..<20 { group.addTask { try await upstreams.versionList(lowerID: "lib") } }
            for try await list in group { #expect(list?.versions.map(\.version) == ["1.0.0"]) }
        }
        #expect(source.requests.load(ordering: .relaxed) == 1)
    }

    @Test("upstream down: cached lists and files still served (stale too), uncached fails at once; the breaker skips it")
    func down() async throws {
        let source = FakeUpstream("a", ["lib": ["1.0.0", "2.0.0"]])
        let clock = TestClock()
        let (upstreams, folder) = make([source], clock: clock)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await upstreams.versionList(lowerID: "lib")
        let kept = try await upstreams.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg")
        source.down.store(true, ordering: .relaxed)
        clock.advance(by: 3600)
        #expect(try await upstreams.versionList(lowerID: "lib")?.versions.count == 2)
        #expect(try await upstreams.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg") == kept)
        await #expect(throws: UpstreamFailure.self) {
            _ = try await upstreams.file(lowerID: "lib", lowerVersion: "2.0.0", name: "lib.2.0.0.nupkg")
        }
        await #expect(throws: UpstreamFailure.self) { _ = try await upstreams.versionList(lowerID: "other") }
        // Two failures in a row opened the breaker: no more requests until the cooldown has passed.
        let before = source.requests.load(ordering: .relaxed)
        await #expect(throws: UpstreamFailure.self) { _ = try await upstreams.versionList(lowerID: "third") }
        #expect(source.requests.load(ordering: .relaxed) == before)
        source.down.store(false, ordering: .relaxed)
        clock.advance(by: 31)
        #expect(try await upstreams.versionList(lowerID: "third") == nil)
        #expect(source.requests.load(ordering: .relaxed) == before + 1)
    }

    @Test("a .nupkg is kept only when it matches the hash the upstream publishes; a mismatch is refused, nothing kept")
    func verified() async throws {
        let source = FakeUpstream("a", ["lib": ["1.0.0", "2.0.0", "3.0.0"]])
        let good = Data("a:lib:1.0.0:lib.1.0.0.nupkg".utf8)
        source.hashes.withLock {
            $0["lib/1.0.0"] = UpstreamCache.sha512Base64(good)
            $0["lib/2.0.0"] = UpstreamCache.sha512Base64(Data("something else".utf8))
        }
        let blobs = InMemoryBlobStore()
        let (upstreams, _) = make([source], clock: TestClock(), blobs: blobs)
        #expect(try await upstreams.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg") == good)
        let origin = try #require(try await upstreams.cache.origin(PackageVersionKey(lowerID: "lib", lowerVersion: "1.0.0")))
        #expect(origin.verified && origin.upstream == "a" && origin.size == Int64(good.count))

        await #expect(throws: UpstreamFailure.self) {
            _ = try await upstreams.file(lowerID: "lib", lowerVersion: "2.0.0", name: "lib.2.0.0.nupkg")
        }
        do {
            _ = try await upstreams.file(lowerID: "lib", lowerVersion: "2.0.0", name: "lib.2.0.0.nupkg")
        } catch let failure as UpstreamFailure {
            #expect(failure.description == "'lib' 2.0.0 from a does not match the SHA512 hash the upstream publishes for it; it was not kept.")
        }
        #expect(try await blobs.list(prefix: "upstream/lib/2.0.0/").isEmpty)
        // No hash offered: kept, marked unverified.
        _ = try await upstreams.file(lowerID: "lib", lowerVersion: "3.0.0", name: "lib.3.0.0.nupkg")
        #expect(try await upstreams.cache.origin(PackageVersionKey(lowerID: "lib", lowerVersion: "3.0.0"))?.verified == false)
    }

    @Test("two nodes on one blob store: the second serves what the first fetched, and lists it with the upstream down")
    func sharedBetweenNodes() async throws {
        let source = FakeUpstream("a", ["lib": ["1.0.0", "2.0.0"]])
        let blobs = InMemoryBlobStore()
        let clock = TestClock()
        let (first, _) = make([source], clock: clock, blobs: blobs)
        let (second, _) = make([source], clock: clock, blobs: blobs)
        let fetched = try await first.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg")
        #expect(source.fileRequests.load(ordering: .relaxed) == 1)
        #expect(try await second.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg") == fetched)
        #expect(source.fileRequests.load(ordering: .relaxed) == 1, "the second node did not fetch it again")

        // A third node starts while the upstream is down: it never saw the list, but lists and serves what is kept.
        source.down.store(true, ordering: .relaxed)
        let (third, _) = make([source], clock: clock, blobs: blobs)
        #expect(try await third.versionList(lowerID: "lib")?.versions.map(\.version) == ["1.0.0"])
        #expect(try await third.file(lowerID: "lib", lowerVersion: "1.0.0", name: "lib.1.0.0.nupkg") == fetched)
    }

    @Test("a pinned version stays listed after its upstream stops listing it; an unpinned one does not")
    func pinnedStaysListed() async throws {
        let source = FakeUpstream("a", ["lib": ["1.0.0", "2.0.0", "3.0.0"]])
        let blobs = InMemoryBlobStore()
        let clock = TestClock()
        let (upstreams, _) = make([source], clock: clock, blobs: blobs)
        for version in ["1.0.0", "2.0.0"] {
            _ = try await upstreams.file(lowerID: "lib", lowerVersion: version, name: "lib.\(version).nupkg")
        }
        try await upstreams.cache.setPinned(true, PackageVersionKey(lowerID: "lib", lowerVersion: "1.0.0"))
        source.listing.withLock { $0["lib"] = ["3.0.0"] }
        clock.advance(by: 601)
        #expect(try await upstreams.versionList(lowerID: "lib")?.versions.map(\.version) == ["3.0.0", "1.0.0"])
        let entries = try await upstreams.cache.entries(lowerID: "lib")
        #expect(entries.map(\.key.lowerVersion) == ["1.0.0", "2.0.0"])
        #expect(entries.map(\.pinned) == [true, false])
        #expect(entries[0].files == ["lib.1.0.0.nupkg"])
    }
}
