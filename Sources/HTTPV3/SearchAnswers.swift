public import Foundation
public import Gallery
import NuGetProtocol

/// The encoded search and autocomplete answers of one application, shared by the router's `SearchRoutes` and
/// the event-loop fast path (`FastSearchAnswers`), so both read and fill one answer cache (issue 13).
///
/// Each answer is made by the same functions whichever path asks, and kept under the same key
/// (`SearchAnswerCache`: valid while the index's generation is unchanged). The router waits for an answer
/// another request is making (`answer`); the fast path, on an event loop, cannot wait and makes it itself
/// (`answerNow`): the same bytes either way.
public final class SearchAnswers: Sendable {
    let gallery: PackageGallery
    /// Repeated queries reuse the encoded answer while the index is unchanged.
    let cache: SearchAnswerCache
    /// Uncached answers reuse the hits' rendered entries while their packages are unchanged (`SearchHitFragments`).
    let writer: SearchAnswerWriter

    /// The answers of `gallery`'s search index (one per application).
    public init(gallery: PackageGallery) {
        self.gallery = gallery
        self.cache = SearchAnswerCache(index: gallery.search)
        self.writer = SearchAnswerWriter(urls: gallery.urls)
    }

    /// What a request asks of the index, as the cache keys it.
    enum Asked {
        /// `/v3/query`.
        case search(SearchQuery)
        /// `/v3/autocomplete?id=…`: the versions of an id.
        case versions(id: String, SearchQuery)
        /// `/v3/autocomplete` without `id`: ids.
        case ids(SearchQuery)

        var cacheKey: String {
            switch self {
            case .search(let query): "query\u{0}" + query.cacheKey
            case .versions(let id, let query): "versions\u{0}\(id)\u{0}" + query.cacheKey
            case .ids(let query): "ids\u{0}" + query.cacheKey
            }
        }
    }

    /// The answer's body, waiting for a request already making it (the router's way).
    func body(_ asked: Asked) async -> Data {
        await cache.answer(asked.cacheKey) { make(asked) }
    }

    /// The answer's body, made here when not cached and `makesHere` (the event loop's way), and whether it was
    /// made here; nil when not cached and not `makesHere`.
    func bodyNow(_ asked: Asked, makesHere: Bool) -> (body: Data, made: Bool)? {
        var made = false
        let body = cache.answerNow(asked.cacheKey) {
            guard makesHere else { return nil }
            made = true
            return make(asked)
        }
        return body.map { ($0, made) }
    }

    private func make(_ asked: Asked) -> Data {
        let search = gallery.search
        switch asked {
        case .search(let query):
            return Data(search.searchAnswer(query, writer: writer))
        case .versions(let id, let query):
            return Data(AutocompleteResponse.versions(search.autocompleteVersions(
                id: id, prerelease: query.includePrerelease, semVer2: query.includeSemVer2
            )).wireBytes)
        case .ids(let query):
            let hits = search.autocompleteIDs(
                q: query.text, skip: query.skip, take: query.take, prerelease: query.includePrerelease,
                semVer2: query.includeSemVer2, packageType: query.packageType
            )
            return Data(AutocompleteResponse.ids(totalHits: hits.totalHits, hits.ids).wireBytes)
        }
    }

    /// What an autocomplete request with these parameters asks (the first `id`, any spelling, asks for versions).
    static func autocomplete(_ parameters: [(key: String, value: String)], query: SearchQuery) -> Asked {
        if let id = parameters.first(where: { $0.key.lowercased() == "id" })?.value {
            return .versions(id: id, query)
        }
        return .ids(query)
    }
}
