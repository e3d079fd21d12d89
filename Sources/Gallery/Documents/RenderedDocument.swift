public import Foundation
import Crypto
import Synchronization

/// A read document rendered on write and served as-is (design: "static-first reads").
public struct RenderedDocument: Sendable, Equatable {
    /// URL path below `/v3/` (`flat/x/index.json`, `registration/x/index.json`, `catalog/page0.json`).
    public let path: String
    public let body: Data
    /// Strong validator: quoted hex of the body's SHA-256 prefix.
    public let etag: String
    public let contentType: String
    /// The gzip-encoded body, computed the first time a client asks for it and then shared by every copy of
    /// this document (the cache hands out the same value), so a document is compressed once, not per request.
    private let gzip = GzipMemo()
    /// The HTTP layer's ready-to-send buffers of the body (plain, gzip), made once and shared like `gzip`.
    private let wire = WireMemo()
    /// The fast path's answers (`answers(make:)`): a class slot, so reading it is a lock and a pointer check.
    private let answerSlot = ObjectMemo()

    /// Wraps a body; the ETag is derived from the bytes so equal bodies on every node share it.
    public init(path: String, body: Data, contentType: String = "application/json; charset=utf-8") {
        self.path = path
        self.body = body
        self.contentType = contentType
        let digest = SHA256.hash(data: body)
        self.etag = "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether `gzipped(using:)` has run for this document (the event loop never compresses: it leaves a first
    /// gzip request to the ordinary path).
    public var isGzipMade: Bool { gzip.isMade }

    /// The body encoded by `encode` (gzip), memoized; nil when encoding failed.
    public func gzipped(using encode: (Data) -> Data?) -> Data? {
        gzip.value { encode(body) }
    }

    /// A form of the body made by `make` once per document and encoding (the HTTP layer keeps its send
    /// buffer here, so a read copies nothing), then shared by every copy of this document.
    public func wireForm<Form: Sendable>(gzip: Bool, make: () -> Form) -> Form {
        wire.value(slot: gzip ? 1 : 0, make: make)
    }

    /// The HTTP layer's ready-to-send answers of this document (status lines and headers per encoding, for
    /// the event-loop fast path), made once by `make` and shared like `wireForm`. A changed document is a new
    /// value with none made yet, so an answer never outlives the bytes it was made for.
    public func answers<Form: AnyObject & Sendable>(make: () -> Form) -> Form {
        answerSlot.value(make: make)
    }

    /// The ETag of the gzip representation: a strong validator must differ per content encoding.
    public var gzipETag: String { String(etag.dropLast()) + "-gzip\"" }

    public static func == (lhs: RenderedDocument, rhs: RenderedDocument) -> Bool {
        lhs.path == rhs.path && lhs.body == rhs.body && lhs.contentType == rhs.contentType
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
