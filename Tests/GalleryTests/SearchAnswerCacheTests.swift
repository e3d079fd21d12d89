import Foundation
import Gallery
import Testing

/// Encoded answers are reused only while the index is unchanged.
@Suite("Search answer cache")
struct SearchAnswerCacheTests {
    typealias R = SearchFixture

    /// Asks for `key`, returning whether `make` ran and the body served.
    func ask(_ cache: SearchAnswerCache, _ key: String = "k", _ body: String = "fresh") -> (made: Bool, body: String) {
        var made = false
        let data = cache.answer(key) {
            made = true
            return Data(body.utf8)
        }
        return (made, String(decoding: data, as: UTF8.self))
    }

    @Test("the same key is served from the cache until any write to the index, downloads included")
    func invalidation() {
        let index = R.index([[R.record("Contoso.Utils", "1.0.0")], [R.record("Other.Lib", "1.0.0")]])
        let cache = SearchAnswerCache(index: index)
        #expect(ask(cache, "k", "first") == (true, "first"))
        #expect(ask(cache, "k", "second") == (false, "first"))
        #expect(ask(cache, "other", "x") == (true, "x"))

        index.addDownloads([PackageVersionKey(lowerID: "contoso.utils", lowerVersion: "1.0.0"): 3])
        #expect(ask(cache, "k", "after downloads") == (true, "after downloads"))
        index.upsert([R.record("Contoso.Utils", "1.0.0", listed: false)], owners: [])
        #expect(ask(cache, "k", "after unlist") == (true, "after unlist"))
        index.remove(lowerID: "other.lib")
        #expect(ask(cache, "k", "after remove") == (true, "after remove"))
        #expect(ask(cache, "k", "again") == (false, "after remove"))
    }

    @Test("answers beyond the byte budget start the cache over instead of growing it")
    func bounded() {
        let cache = SearchAnswerCache(index: SearchIndex(), capacityBytes: 10)
        #expect(ask(cache, "a", "123456").made)
        #expect(!ask(cache, "a", "123456").made)
        #expect(ask(cache, "b", "123456").made)  // 12 bytes > 10: "a" was dropped
        #expect(ask(cache, "a", "123456").made)
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
