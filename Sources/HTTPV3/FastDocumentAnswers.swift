import Gallery
import HTTPPlumbing
import Hummingbird
import NIOCore
import Synchronization

/// A document's answers as the fast path sends them, made once per document (kept with it, see
/// `RenderedDocument.answers`): plain and gzip, 200 and 304. HEAD shares the 200's head without the body.
/// Read under its lock only when a `PreparedDocument` is made (once per event loop and cache generation).
final class FastDocumentAnswers: Sendable {
    /// One variant's head and body (a class: an answer takes one reference to it).
    final class Variant: Sendable {
        let prepared: PreparedHead
        /// The 200's body (nil for the 304).
        let body: ByteBuffer?

        init(prepared: PreparedHead, body: ByteBuffer?) {
            self.prepared = prepared
            self.body = body
        }
    }

    let cacheControl: String
    private let variants = Mutex<[Variant?]>([nil, nil, nil, nil])

    init(_ document: RenderedDocument, cacheControl: String) {
        self.cacheControl = cacheControl
        self.alwaysGzip = FeedURLs.Hive.isGzipEncoded(documentPath: document.path)
    }

    /// Whether the document is always sent gzip-encoded (the `-gz` hives), decided once.
    let alwaysGzip: Bool

    /// The answers of `document` with `cacheControl`, shared by every copy of the document.
    static func of(_ document: RenderedDocument, cacheControl: String) -> FastDocumentAnswers {
        let answers = document.answers { FastDocumentAnswers(document, cacheControl: cacheControl) }
        return answers.cacheControl == cacheControl ? answers : FastDocumentAnswers(document, cacheControl: cacheControl)
    }

    func variant(_ document: RenderedDocument, gzip: Bool, notModified: Bool) -> Variant {
        let slot = (gzip ? 1 : 0) + (notModified ? 2 : 0)
        if let made = variants.withLock({ $0[slot] }) { return made }
        let response = DocumentResponse.response(document, gzip: gzip, notModified: notModified, isHead: true, cacheControl: cacheControl)
        let made = Variant(prepared: PreparedHead(of: response), body: notModified ? nil : DocumentResponse.sendBuffer(document, gzip: gzip))
        variants.withLock { $0[slot] = made }
        return made
    }
}

/// Everything a request for one document needs, resolved once: the variants it may get, the ETags they are
/// matched with, its cache policy and route family. Immutable: a change of the document is a new one.
final class PreparedDocument: Sendable {
    let document: RenderedDocument
    let family: RouteFamily
    let cacheControl: String
    let alwaysGzip: Bool
    let plain: FastDocumentAnswers.Variant
    let plainNotModified: FastDocumentAnswers.Variant
    /// Whether the router has compressed the document (the event loop never does): until then a gzip request
    /// goes to the router.
    let isGzipMade: Bool
    /// The gzip variants; nil when not made, or when compressing failed (then gzip requests get `plain`).
    let gzip: FastDocumentAnswers.Variant?
    let gzipNotModified: FastDocumentAnswers.Variant?
    let etag: String
    let gzipETag: String

    init(_ document: RenderedDocument, cacheControl: String, family: RouteFamily) {
        let answers = FastDocumentAnswers.of(document, cacheControl: cacheControl)
        self.document = document
        self.family = family
        self.cacheControl = cacheControl
        self.alwaysGzip = answers.alwaysGzip
        plain = answers.variant(document, gzip: false, notModified: false)
        plainNotModified = answers.variant(document, gzip: false, notModified: true)
        // Made or not, read once: a later `renewed()` picks up a gzip body the router makes meanwhile.
        isGzipMade = document.isGzipMade
        if isGzipMade, document.gzipped(using: { _ in nil }) != nil {
            gzip = answers.variant(document, gzip: true, notModified: false)
            gzipNotModified = answers.variant(document, gzip: true, notModified: true)
        } else {
            gzip = nil
            gzipNotModified = nil
        }
        etag = document.etag
        gzipETag = document.gzipETag
    }

    /// The answer to a request; nil when it wants gzip and the document is not compressed yet.
    func answer(_ request: FastRequest) -> FastAnswer? {
        let variant: FastDocumentAnswers.Variant
        if alwaysGzip || DocumentResponse.acceptsGzip(request.acceptEncoding) {
            guard isGzipMade else { return nil }
            if let gzip, let gzipNotModified {
                variant = Self.revalidated(request, gzipETag) ? gzipNotModified : gzip
            } else {
                variant = Self.revalidated(request, etag) ? plainNotModified : plain  // compressing failed
            }
        } else {
            variant = Self.revalidated(request, etag) ? plainNotModified : plain
        }
        let body: FastAnswer.Body = if !request.isHead, let bytes = variant.body { .bytes(bytes) } else { .none }
        return FastAnswer(prepared: variant.prepared, body: body, family: family)
    }

    /// Whether the request's `If-None-Match` names `etag`.
    private static func revalidated(_ request: FastRequest, _ etag: String) -> Bool {
        request.ifNoneMatch != nil && DocumentResponse.matches(request.ifNoneMatch, etag)
    }

    /// The same document prepared again, when the router has compressed it since this was made; else nil.
    func renewed() -> PreparedDocument? {
        guard !isGzipMade, document.isGzipMade else { return nil }
        return PreparedDocument(document, cacheControl: cacheControl, family: family)
    }
}

/// The answers of one 404 message (GET's with its body, HEAD's without), made once.
final class NotFoundAnswer: Sendable {
    let get: PreparedHead
    let head: PreparedHead
    let body: ByteBuffer

    init(message: String) {
        let error = GalleryError.notFound(message).httpError
        get = PreparedHead(of: error.response(isHead: false))
        head = PreparedHead(of: error.response(isHead: true))
        body = ByteBuffer(string: error.bodyText)
    }

    func answer(family: RouteFamily, isHead: Bool) -> FastAnswer {
        isHead ? FastAnswer(prepared: head, body: .none, family: family) : FastAnswer(prepared: get, body: .bytes(body), family: family)
    }
}

/// 404 answers by message, made once each (bounded: forgotten all at once when full).
final class NotFoundAnswers: Sendable {
    private let answers = Mutex<[String: NotFoundAnswer]>([:])
    static let capacity = 10_000

    func answers(message: String) -> NotFoundAnswer {
        if let made = answers.withLock({ $0[message] }) { return made }
        let made = NotFoundAnswer(message: message)
        answers.withLock { answers in
            if answers.count >= Self.capacity { answers.removeAll() }
            answers[message] = made
        }
        return made
    }
}

/// What the fast path answers every request of one path with while the memory's generation stays: a document's
/// answers or a 404's.
enum RememberedAnswers {
    case document(PreparedDocument)
    case notFound(NotFoundAnswer, family: RouteFamily)

    /// How the lookup that found this is counted again when it is answered from memory: a document a cache hit,
    /// a 404 a miss; nil for the service index, which is not looked up in the cache.
    var countedLookup: Bool? {
        switch self {
        case .document(let prepared): prepared.family == .serviceIndex ? nil : true
        case .notFound: false
        }
    }

    func answer(_ request: FastRequest) -> FastAnswer? {
        switch self {
        case .document(let prepared): prepared.answer(request)
        case .notFound(let answer, let family): answer.answer(family: family, isHead: request.isHead)
        }
    }

    /// The document prepared again once the router compressed it (`PreparedDocument.renewed`); else nil.
    func renewed() -> RememberedAnswers? {
        if case .document(let prepared) = self, let renewed = prepared.renewed() { .document(renewed) } else { nil }
    }
}
