import Foundation
@testable import Gallery
import Synchronization
import Testing

/// Encoded answers are reused only while the index is unchanged.
@Suite("Search answer cache")
struct SearchAnswerCacheTests {
    typealias R = SearchFixture

    /// Asks for `key`, returning whether `make` ran and the body served.
    func ask(_ cache: SearchAnswerCache, _ key: String = "k", _ body: String = "fresh") async -> (made: Bool, body: String) {
        var made = false
        let data = await cache.answer(key) {
            made = true
            return Data(body.utf8)
        }
        return (made, String(decoding: data, as: UTF8.self))
    }

    @Test("the same key is served from the cache until any write to the index, downloads included")
    func invalidation() async {
        let index = R.index([[R.record("Contoso.Utils", "1.0.0")], [R.record("Other.Lib", "1.0.0")]])
        let cache = SearchAnswerCache(index: index)
        #expect(await ask(cache, "k", "first") == (true, "first"))
        #expect(await ask(cache, "k", "second") == (false, "first"))
        #expect(await ask(cache, "other", "x") == (true, "x"))

        index.addDownloads([PackageVersionKey(lowerID: "contoso.utils", lowerVersion: "1.0.0"): 3])
        #expect(await ask(cache, "k", "after downloads") == (true, "after downloads"))
        index.upsert([R.record("Contoso.Utils", "1.0.0", listed: false)], owners: [])
        #expect(await ask(cache, "k", "after unlist") == (true, "after unlist"))
        index.remove(lowerID: "other.lib")
        #expect(await ask(cache, "k", "after remove") == (true, "after remove"))
        #expect(await ask(cache, "k", "again") == (false, "after remove"))
    }

    @Test("answers beyond the byte budget start the cache over instead of growing it")
    func bounded() async {
        let cache = SearchAnswerCache(index: SearchIndex(), capacityBytes: 10)
        #expect(await ask(cache, "a", "123456").made)
        #expect(await !ask(cache, "a", "123456").made)
        #expect(await ask(cache, "b", "123456").made)  // 12 bytes > 10: "a" was dropped
        #expect(await ask(cache, "a", "123456").made)
    }

    @Test("requests for an answer being made wait for it instead of making it again; a write starts a new one")
    func coalescing() async {
        let index = R.index([[R.record("Contoso.Utils", "1.0.0")]])
        let cache = SearchAnswerCache(index: index)
        let gate = AnswerGate()
        let made = MakeCounter()
        let first = Task {
            await cache.answer("k") {
                made.add()
                await gate.wait()
                return Data("made once".utf8)
            }
        }
        while made.value == 0 { await Task.yield() }
        let others = (0..<7).map { _ in
            Task { await cache.answer("k") { made.add(); return Data("again".utf8) } }
        }
        while cache.waiting(for: "k") < 7 { await Task.yield() }
        gate.open()
        #expect(String(decoding: await first.value, as: UTF8.self) == "made once")
        for other in others { #expect(String(decoding: await other.value, as: UTF8.self) == "made once") }
        #expect(made.value == 1)

        // A write while an answer is being made: later requests do not wait for the older answer.
        let slow = AnswerGate()
        let stale = Task { await cache.answer("j") { await slow.wait(); return Data("old".utf8) } }
        while cache.making("j") == false { await Task.yield() }
        index.upsert([R.record("Contoso.Utils", "1.0.0", listed: false)], owners: [])
        #expect(await ask(cache, "j", "new") == (true, "new"))
        slow.open()
        #expect(String(decoding: await stale.value, as: UTF8.self) == "old")
        #expect(await ask(cache, "j", "newer") == (false, "new"))
    }

    func parse(_ pairs: KeyValuePairs<String, String>) throws -> SearchQuery {
        try SearchQuery(parameters: pairs.map { (key: $0.key, value: $0.value) })
    }

    @Test("the key is the parsed query: parameter order and spelling do not matter, every field does")
    func keys() throws {
        let a = try parse(["q": "json", "prerelease": "true", "take": "5"])
        let b = try parse(["take": "5", "prerelease": "True", "q": "json"])
        #expect(a.cacheKey == b.cacheKey)
        let others = try [
            parse(["q": "json", "take": "5"]), parse(["q": "json", "prerelease": "true", "take": "6"]),
            parse(["q": "json", "prerelease": "true", "take": "5", "skip": "1"]),
            parse(["q": "json", "prerelease": "true", "take": "5", "semVerLevel": "2.0.0"]),
            parse(["q": "json", "prerelease": "true", "take": "5", "packageType": "DotnetTool"]),
            parse(["q": "jsonx", "prerelease": "true", "take": "5"]),
        ]
        #expect(Set(others.map(\.cacheKey) + [a.cacheKey]).count == others.count + 1)
    }
}

/// A door tasks wait at until the test opens it.
final class AnswerGate: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiting.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// A count several tasks add to.
final class MakeCounter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
