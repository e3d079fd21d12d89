import Gallery

/// One event loop's prepared answers by request path (kept in its `FastPathLoopMemo`), so a request for a
/// document or a remembered 404 is a dictionary lookup with no lock, no key built and nothing shared written.
///
/// The rule that keeps it true: the memo belongs to one `DocumentCache` generation. Before each request the
/// fast path reads the generation (`DocumentPublisher.generation`, one atomic load), and when it moved the memo
/// forgets everything; an answer is remembered only from a lookup made after that read. Every change of what
/// the cache answers (a push, unlist, delete, another node's change, an eviction) moves the generation inside
/// the cache's lock before the change's own request is answered, so no request after a change gets the answer
/// from before it: a replaced document is never answered stale, and a remembered 404 turns into the document
/// as soon as its id is pushed. All it holds was in the cache at that generation, so its memory is the cache's.
final class DocumentMemo {
    private var generation: UInt64?
    private var answers: [String: RememberedAnswers] = [:]
    /// Most paths remembered per event loop (404s of unknown ids add up): forgotten all at once when full.
    static let capacity = 4096

    /// The document cache's counters, kept here so counting an answer from memory takes no shared lock.
    private(set) var counters = DocumentLookupCounters()

    /// Starts a request at `generation`: forgets everything remembered at another one.
    func use(generation: UInt64) {
        if !counters.isCurrent { counters = DocumentLookupCounters() }
        guard generation != self.generation else { return }
        self.generation = generation
        answers.removeAll(keepingCapacity: true)
    }

    subscript(path: String) -> RememberedAnswers? {
        get { answers[path] }
        set {
            if newValue != nil, answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
            answers[path] = newValue
        }
    }
}
