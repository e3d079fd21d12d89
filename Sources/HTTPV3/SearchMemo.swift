import Gallery
import HTTPPlumbing
import NIOCore

/// One event loop's prepared search and autocomplete answers by query string (kept in its `FastPathLoopMemo`
/// beside the documents' `DocumentMemo`), so a repeated query is a dictionary lookup: no parsing, no shared lock
/// but the index's generation, no head encoded, no body copied.
///
/// The rule is `DocumentMemo`'s, with the search index's generation: before each request the fast path reads it,
/// and when it moved the memo forgets everything; an answer is remembered only from a lookup made after that
/// read, so it is never older than the index (`SearchAnswerCache` serves an entry only at the generation it was
/// made at, which is at least the one read here). An answer is remembered from its second request on (found in
/// the cache), so distinct queries asked once never fill it. Bounded per loop by entries and by bytes; when full
/// it starts over, as the cache does.
final class SearchMemo {
    /// An answer as the fast path sends it.
    struct Remembered {
        let prepared: PreparedHead
        let body: ByteBuffer
        let family: RouteFamily

        /// The answer to `request`: to a HEAD without the body, as every responder answers a HEAD (both writers
        /// would leave it out anyway: the raw one itself, NIO's encoder from its record of the request's method).
        func answer(_ request: FastRequest) -> FastAnswer {
            FastAnswer(prepared: prepared, body: request.isHead ? .none : .bytes(body), family: family)
        }
    }

    private var generation: Int?
    private var search: [String: Remembered] = [:]
    private var autocomplete: [String: Remembered] = [:]
    private var bytes = 0
    static let capacity = 4096
    static let capacityBytes = 4 << 20

    /// The search cache's hit counter, kept here so counting an answer from memory takes no shared lock.
    private(set) var counters = SearchAnswerCounters()

    /// Starts a request at `generation`: forgets everything remembered at another one.
    func use(generation: Int) {
        if !counters.isCurrent { counters = SearchAnswerCounters() }
        guard generation != self.generation else { return }
        self.generation = generation
        forget()
    }

    /// The answer remembered for `query` of `family`'s resource.
    func answer(_ family: RouteFamily, query: Substring) -> Remembered? {
        family == .search ? search[String(query)] : autocomplete[String(query)]
    }

    func remember(_ remembered: Remembered, query: Substring) {
        let size = remembered.body.readableBytes
        if search.count + autocomplete.count >= Self.capacity || bytes + size > Self.capacityBytes { forget() }
        bytes += size
        if remembered.family == .search { search[String(query)] = remembered } else { autocomplete[String(query)] = remembered }
    }

    private func forget() {
        search.removeAll(keepingCapacity: true)
        autocomplete.removeAll(keepingCapacity: true)
        bytes = 0
    }
}
