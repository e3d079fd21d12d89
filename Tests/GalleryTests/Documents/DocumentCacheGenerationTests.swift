import Foundation
import Gallery
import Testing

/// `DocumentCache.generation` (issue 13): the fast path remembers what a lookup answered for as long as the
/// generation reads the same, so every change of what `lookup` answers must move it, and nothing else need.
@Suite("Document cache generation")
struct DocumentCacheGenerationTests {
    static func document(_ path: String, _ body: String) -> RenderedDocument {
        RenderedDocument(path: path, body: Data(body.utf8))
    }

    @Test("storing, replacing, removing and forgetting an id's documents each move the generation")
    func changesMoveIt() {
        let cache = DocumentCache()
        var seen = [cache.generation]
        func moved(_ what: String) {
            #expect(cache.generation > seen.last!, "\(what) moved the generation")
            seen.append(cache.generation)
        }
        cache.store(Self.document("flat/a/index.json", "1"))
        moved("a first document")
        cache.store(Self.document("flat/a/index.json", "2"))
        moved("a replaced document")
        cache.store(Self.document("flat/b/index.json", "3"))
        moved("another id's document")
        cache.remove("flat/b/index.json")
        moved("a removed document")
        cache.removeDocuments(ofLowerID: "a")
        moved("an id forgotten")
        guard case .unknown = cache.lookup("flat/a/index.json") else {
            Issue.record("the forgotten document is unknown again")
            return
        }
    }

    @Test("an absence learnt, then the document stored: the store moves the generation, the absence does not")
    func absenceThenPush() {
        let cache = DocumentCache()
        guard case .unknown(let token) = cache.lookup("flat/new/index.json") else {
            Issue.record("an empty cache knows nothing")
            return
        }
        let before = cache.generation
        cache.recordAbsent("flat/new/index.json", token: token)
        // An absence makes no earlier answer wrong (it was unknown, so nothing was remembered for it).
        #expect(cache.generation == before)
        guard case .absent = cache.lookup("flat/new/index.json") else {
            Issue.record("the absence is remembered")
            return
        }
        #expect(cache.generation == before, "lookups do not move it")
        cache.store(Self.document("flat/new/index.json", "{}"))
        #expect(cache.generation > before, "the push of the id turns the remembered 404 stale")
        guard case .hit(let document) = cache.lookup("flat/new/index.json") else {
            Issue.record("the pushed document is found")
            return
        }
        #expect(document.body == Data("{}".utf8))
    }

    @Test("an eviction moves the generation, and a document too large to keep still ends a remembered absence")
    func evictionAndOversize() {
        let cache = DocumentCache(capacityBytes: 40)
        cache.store(Self.document("flat/a/index.json", String(repeating: "a", count: 10)))
        cache.store(Self.document("flat/b/index.json", String(repeating: "b", count: 10)))
        guard case .unknown(let token) = cache.lookup("flat/c/index.json") else {
            Issue.record("c is unknown")
            return
        }
        cache.recordAbsent("flat/c/index.json", token: token)
        let before = cache.generation
        // Over a quarter of the capacity: not kept, but the absence of c is over.
        cache.store(Self.document("flat/c/index.json", String(repeating: "c", count: 11)))
        #expect(cache.generation > before)
        guard case .unknown = cache.lookup("flat/c/index.json") else {
            Issue.record("c is no longer absent")
            return
        }
        let beforeEviction = cache.generation
        cache.store(Self.document("flat/d/index.json", String(repeating: "d", count: 10)))
        cache.store(Self.document("flat/e/index.json", String(repeating: "e", count: 10) + "!"))
        #expect(cache.generation > beforeEviction)
        let kept = ["a", "b", "d", "e"].filter { cache.document(at: "flat/\($0)/index.json") != nil }
        #expect(kept.count == 3, "41 bytes: one of four evicted to stay within 40: kept \(kept)")
    }

    @Test("copies of a rendered document are one document: equal, sharing their gzip body")
    func copiesShare() {
        let document = Self.document("flat/a/index.json", "{}")
        let copy = document
        #expect(copy.isSameDocument(as: document))
        #expect(!copy.isGzipMade)
        _ = document.gzipped { _ in Data("z".utf8) }
        #expect(copy.isGzipMade, "made once, seen by every copy")
        let twin = Self.document("flat/a/index.json", "{}")
        #expect(twin == document, "equal bytes, equal documents")
        #expect(!twin.isSameDocument(as: document))
        #expect(!twin.isGzipMade)
        #expect(twin.etag == document.etag)
    }
}
