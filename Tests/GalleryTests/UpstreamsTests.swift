import Foundation
import Gallery
import GalleryTestSupport
import Synchronization
import Testing

/// A scripted upstream: a fixed catalog, a request counter, and a switch to make it fail.
final class FakeUpstream: UpstreamSource {
    let name: String
    let packages: [String: [String]]
    let requests = Atomic<Int>(0)
    let down = Atomic<Bool>(false)
    /// Requests wait for this many milliseconds (to overlap concurrent misses).
    let delayMilliseconds: Int

    init(_ name: String, _ packages: [String: [String]], delayMilliseconds: Int = 0) {
        self.name = name
        self.packages = packages
        self.delayMilliseconds = delayMilliseconds
    }

    func versions(lowerID: String) async throws -> [String]? {
        requests.add(1, ordering: .relaxed)
        if delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(delayMilliseconds)) }
        if down.load(ordering: .relaxed) { throw UpstreamFailure("\(name) cannot be reached") }
        return packages[lowerID]
    }

    func file(lowerID: String, lowerVersion: String, name fileName: String) async throws -> Data? {
        if down.load(ordering: .relaxed) { throw UpstreamFailure("\(name) cannot be reached") }
        guard packages[lowerID]?.contains(lowerVersion) == true else { return nil }
        return Data("\(self.name):\(lowerID):\(lowerVersion):\(fileName)".utf8)
    }
}

@Suite("Upstreams: cache, coalescing, breaker")
struct UpstreamsTests {
    func make(_ sources: [FakeUpstream], clock: TestClock) -> (Upstreams, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-upstream-\(UUID().uuidString)")
        let upstreams = Upstreams(
            sources: sources, clock: clock, cacheDirectory: folder, ttl: 600, negativeTTL: 60,
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
}
