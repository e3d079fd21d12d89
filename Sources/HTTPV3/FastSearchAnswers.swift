import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NIOCore

/// GET and HEAD of `/v3/query` and `/v3/autocomplete` on the event-loop fast path (issue 13): the answer the
/// router's `SearchRoutes` would send, from the application's one `SearchAnswers` (so one answer cache).
///
/// The query string is read as Hummingbird reads it for the route (`FastQueryString`); anything that reads
/// oddly there (an undecodable or non-ASCII escape, a very long query), a parameter `SearchQuery` refuses (the
/// router's 400 and its reason phrase), or a feed with upstreams (whose results a request may ask merged in)
/// returns nil and goes to the router, which answers it as before.
///
/// A cached answer (at the index's current generation) is a lookup. A miss is made right here on the event loop,
/// the CPU the pool would spend on it (typically 50–300 µs), but only for queries whose cost is bounded
/// (`makesHere`): a query that may rank every package of a large index, or a page far down the list, goes to the
/// router when not cached, so no connection of the loop waits behind it.
struct FastSearchAnswers: Sendable {
    let answers: SearchAnswers

    /// An index of at most this many packages is cheap to rank whole (a query without words ranks every package).
    static let smallIndex = 1_000
    /// Pages ending further down the ranking than this (`skip` + `take`) are made by the router.
    static let maximumWindow = 300
    /// Queries of more free words than this are made by the router.
    static let maximumTerms = 8

    static let queryPath: Substring = "/v3/query"
    static let autocompletePath: Substring = "/v3/autocomplete"

    /// Whether the request is one of the two search resources (then only this type may answer it).
    static func asks(_ request: FastRequest) -> Bool {
        request.path == queryPath || request.path == autocompletePath
    }

    /// The answer to a search or autocomplete request, or nil for the router.
    func answer(_ request: FastRequest) -> FastAnswer? {
        guard let family = Self.family(request) else { return nil }
        return prepared(request, family: family)?.answer.answer(request)
    }

    /// The answer from the loop's memo (`SearchMemo`) when it has one for this query and the index's generation
    /// has not moved since; else as `answer(_:)`, remembering it.
    func answer(_ request: FastRequest, memo: SearchMemo) -> FastAnswer? {
        guard let family = Self.family(request) else { return nil }
        // Read before the lookup below: what it finds is remembered for this generation only.
        memo.use(generation: answers.gallery.search.generation)
        let query = request.query ?? ""
        if let remembered = memo.answer(family, query: query) {
            memo.counters.countHit()
            return remembered.answer(request)
        }
        guard let (found, made) = prepared(request, family: family) else { return nil }
        // Remembered from its second request on (the first made it): a stream of distinct queries, each asked
        // once, would otherwise fill the memo with answers never asked again and start it over every few hundred.
        if !made { memo.remember(found, query: query) }
        return found.answer(request)
    }

    private static func family(_ request: FastRequest) -> RouteFamily? {
        switch request.path {
        case queryPath: .search
        case autocompletePath: .autocomplete
        default: nil
        }
    }

    /// The answer from the application's answers (cached, or made here: `made`), its head made once.
    private func prepared(_ request: FastRequest, family: RouteFamily) -> (answer: SearchMemo.Remembered, made: Bool)? {
        guard let parameters = FastQueryString.parameters(request.query ?? ""),
              let query = try? SearchQuery(parameters: parameters) else { return nil }
        let asked: SearchAnswers.Asked = family == .search ? .search(query) : SearchAnswers.autocomplete(parameters, query: query)
        guard let (body, made) = answers.bodyNow(asked, makesHere: makesHere(asked)) else { return nil }
        // The route's own head (HEAD included: the same fields, the body left out when written).
        let head = PreparedHead(of: SearchRoutes<BasicRequestContext>.json(body: body, isHead: false))
        return (SearchMemo.Remembered(prepared: head, body: ByteBuffer(bytes: body), family: family), made)
    }

    /// Whether an answer not cached is made on the event loop: its cost is bounded by its words, not by the
    /// index's size (see the type's comment).
    func makesHere(_ asked: SearchAnswers.Asked) -> Bool {
        let query: SearchQuery
        switch asked {
        case .versions: return true  // one id's versions
        case .search(let asked), .ids(let asked): query = asked
        }
        guard query.skip + query.take <= Self.maximumWindow, query.terms.count <= Self.maximumTerms else { return false }
        if answers.gallery.search.count <= Self.smallIndex { return true }
        // A query with no free word of two characters or more may match (and rank) every package.
        return query.terms.contains { $0.count >= 2 }
    }
}
