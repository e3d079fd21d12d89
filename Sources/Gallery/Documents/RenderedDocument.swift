public import Foundation
import Crypto
import Synchronization

/// A read document rendered on write and served as-is (design: "static-first reads").
///
/// Its fields live in one immutable object, so a copy (the cache hands one out on every read) retains one
/// reference instead of seven: on the fast path both event loops copy the same documents, and every retain of
/// a shared object moves its cache line between the cores.
public struct RenderedDocument: Sendable, Equatable {
    private let storage: Storage

    /// URL path below `/v3/` (`flat/x/index.json`, `registration/x/index.json`, `catalog/page0.json`).
    public var path: String { storage.path }
    public var body: Data { storage.body }
    /// Strong validator: quoted hex of the body's SHA-256 prefix.
    public var etag: String { storage.etag }
    public var contentType: String { storage.contentType }

    private final class Storage: Sendable {
        let path: String
        let body: Data
        let etag: String
        let contentType: String
        /// The gzip-encoded body, computed the first time a client asks for it and then shared by every copy of
        /// this document (the cache hands out the same value), so a document is compressed once, not per request.
        let gzip = GzipMemo()
        /// The HTTP layer's ready-to-send buffers of the body (plain, gzip), made once and shared like `gzip`.
        let wire = WireMemo()
        /// The fast path's answers (`answers(make:)`): a class slot, so reading it is a lock and a pointer check.
        let answerSlot = ObjectMemo()

        init(path: String, body: Data, etag: String, contentType: String) {
            self.path = path
            self.body = body
            self.etag = etag
            self.contentType = contentType
        }
    }

    /// Wraps a body; the ETag is derived from the bytes so equal bodies on every node share it.
    public init(path: String, body: Data, contentType: String = "application/json; charset=utf-8") {
        let digest = SHA256.hash(data: body)
        let etag = "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        storage = Storage(path: path, body: body, etag: etag, contentType: contentType)
    }

    /// Whether this value and `other` are copies of one document (made by one `init`): then they share the gzip
    /// body and the answers made for it. Cheaper than `==`, which compares the bodies.
    public func isSameDocument(as other: RenderedDocument) -> Bool { storage === other.storage }

    /// Whether `gzipped(using:)` has run for this document (the event loop never compresses: it leaves a first
    /// gzip request to the ordinary path).
    public var isGzipMade: Bool { storage.gzip.isMade }

    /// The body encoded by `encode` (gzip), memoized; nil when encoding failed.
    public func gzipped(using encode: (Data) -> Data?) -> Data? {
        let body = storage.body
        return storage.gzip.value { encode(body) }
    }

    /// A form of the body made by `make` once per document and encoding (the HTTP layer keeps its send
    /// buffer here, so a read copies nothing), then shared by every copy of this document.
    public func wireForm<Form: Sendable>(gzip: Bool, make: () -> Form) -> Form {
        storage.wire.value(slot: gzip ? 1 : 0, make: make)
    }

    /// The HTTP layer's ready-to-send answers of this document (status lines and headers per encoding, for
    /// the event-loop fast path), made once by `make` and shared like `wireForm`. A changed document is a new
    /// value with none made yet, so an answer never outlives the bytes it was made for.
    public func answers<Form: AnyObject & Sendable>(make: () -> Form) -> Form {
        storage.answerSlot.value(make: make)
    }

    /// The ETag of the gzip representation: a strong validator must differ per content encoding.
    public var gzipETag: String { String(etag.dropLast()) + "-gzip\"" }

    public static func == (lhs: RenderedDocument, rhs: RenderedDocument) -> Bool {
        lhs.storage === rhs.storage || (lhs.path == rhs.path && lhs.body == rhs.body && lhs.contentType == rhs.contentType)
    }
}

/// A value computed at most once (per document), shared by the copies of a `RenderedDocument`.
final class GzipMemo: Sendable {
    private let state = Mutex<Data??>(nil)

    var isMade: Bool { state.withLock { $0 != nil } }

    func value(_ compute: () -> Data?) -> Data? {
        state.withLock { state in
            if let done = state { return done }
            let computed = compute()
            state = .some(computed)
            return computed
        }
    }
}

/// Values made at most once per slot, of whatever type the HTTP layer sends (Gallery does not know NIO).
final class WireMemo: Sendable {
    private let slots = Mutex<[(any Sendable)?]>([nil, nil])

    func value<Form: Sendable>(slot: Int, make: () -> Form) -> Form {
        slots.withLock { slots in
            if let made = slots[slot] as? Form { return made }
            let made = make()
            slots[slot] = made
            return made
        }
    }
}

/// An object made at most once, shared by the copies of a `RenderedDocument`.
final class ObjectMemo: Sendable {
    private let object = Mutex<(any AnyObject & Sendable)?>(nil)

    func value<Form: AnyObject & Sendable>(make: () -> Form) -> Form {
        object.withLock { object in
            if let made = object, let form = made as? Form { return form }
            let made = make()
            object = made
            return made
        }
    }
}
