public import Gallery
public import HTTPPlumbing
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// The V3 reads the event-loop fast path answers (`FastPath`): the service index, flat-container version lists,
/// registration hives and catalog documents held in memory, their remembered 404s, and `.nupkg` downloads from
/// the data folder. Everything else — a document only the blob store can tell about, an id the upstreams may
/// have, a query string, another file of a package — returns nil and goes to the router.
///
/// Every answer is made by the same functions as the routes' (`DocumentResponse`, `BlobResponder`,
/// `NuGetHTTPError`), so both paths send the same bytes; `FastPathTests` compares them.
public struct V3FastPath: FastPathResponder {
    let gallery: PackageGallery
    let files: BlobResponder
    let serviceIndex: RenderedDocument
    /// With upstreams, a missing id or document may be theirs: the router asks them.
    let hasUpstreams: Bool
    /// Rendered 404 answers by message (the state is checked on every request; only the bytes are kept).
    private let notFound = NotFoundAnswers()
    /// `.nupkg` heads by file.
    private let packageFiles = PackageFileAnswers()

    /// Creates the responder over the application's gallery and its one blob responder; `hasUpstreams` as the
    /// routes were given upstreams.
    public init(gallery: PackageGallery, files: BlobResponder, hasUpstreams: Bool) {
        self.gallery = gallery
        self.files = files
        self.serviceIndex = ServiceIndexRoutes<BasicRequestContext>.document(gallery.urls)
        // Compressed now: the router serves its own copy, so this one would never be compressed on demand.
        _ = serviceIndex.gzipped(using: GzipEncoder.encode)
        self.hasUpstreams = hasUpstreams
    }

    public func answer(_ request: FastRequest) -> FastAnswer? {
        let path = request.path.utf8
        guard path.starts(with: Self.v3) else { return nil }
        let rest = path.dropFirst(Self.v3.count)
        if rest.elementsEqual(Self.indexJSON) {
            return document(serviceIndex, cacheControl: serviceIndexCacheControl, family: .serviceIndex, request)
        }
        if rest.starts(with: Self.flat) {
            let afterFlat = rest.dropFirst(Self.flat.count)
            guard let slash = afterFlat.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let id = afterFlat[..<slash]
            let afterID = afterFlat[afterFlat.index(after: slash)...]
            if afterID.elementsEqual(Self.indexJSON) {
                // "flat/{lower id}/index.json" made in one string (the lookup's key, on every request).
                let documentPath = Self.lowercased(rest)
                switch gallery.documents.cachedLookup(at: documentPath) {
                case .hit(let document):
                    return self.document(document, cacheControl: DocumentResponse.indexCacheControl, family: .flatIndex, request)
                case .absent where !hasUpstreams:
                    let lowerID = Self.lowercased(id)
                    return notFound.answer(message: "Package '\(lowerID)' was not found.", family: .flatIndex, isHead: request.isHead)
                default:
                    return nil
                }
            }
            guard let second = afterID.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let file = afterID[afterID.index(after: second)...]
            guard !file.contains(UInt8(ascii: "/")) else { return nil }
            return nupkg(id: Substring(id), version: Substring(afterID[..<second]), file: Substring(file), request)
        }
        for root in Self.documentRoots where rest.starts(with: root.prefix) {
            let documentPath = Self.lowercased(rest.dropFirst(root.prefix.count))
            guard !documentPath.hasPrefix("_") else { return nil }
            switch gallery.documents.cachedLookup(at: root.name + "/" + documentPath) {
            case .hit(let document):
                let immutable = root.isCatalog && documentPath.hasPrefix("data/")
                let cacheControl = immutable ? DocumentResponse.immutableCacheControl : DocumentResponse.indexCacheControl
                return self.document(document, cacheControl: cacheControl, family: root.family, request)
            case .absent where !hasUpstreams:
                return notFound.answer(message: "No document at /v3/\(root.name)/\(documentPath).", family: root.family, isHead: request.isHead)
            default:
                return nil
            }
        }
        return nil
    }

    private static let v3 = Array("/v3/".utf8)
    private static let flat = Array("flat/".utf8)
    private static let indexJSON = Array("index.json".utf8)
    private var serviceIndexCacheControl: String { ServiceIndexRoutes<BasicRequestContext>.cacheControl }

    /// A document root as `DocumentRoutes` registers it: the registration hives and the catalog.
    struct DocumentRoot: Sendable {
        let name: String
        /// `name/` as bytes.
        let prefix: [UInt8]
        let isCatalog: Bool
        var family: RouteFamily { isCatalog ? .catalog : .registration }
    }

    static let documentRoots = (FeedURLs.Hive.allCases.map(\.rawValue) + ["catalog"]).map {
        DocumentRoot(name: $0, prefix: Array("\($0)/".utf8), isCatalog: $0 == "catalog")
    }

    /// ASCII bytes (a plain path's) as a lowercase string, as `String.lowercased()` makes them.
    static func lowercased(_ bytes: Substring.UTF8View.SubSequence) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                index += 1
            }
            return index
        }
    }

    private func document(_ document: RenderedDocument, cacheControl: String, family: RouteFamily, _ request: FastRequest) -> FastAnswer? {
        guard let answer = FastDocumentAnswers.answer(document, request, cacheControl: cacheControl) else { return nil }
        return FastAnswer(head: answer.head, wire: answer.wire, body: answer.body.map { .bytes($0) } ?? .none, family: family)
    }

    /// A `.nupkg` of a version whose file is in the data folder: counted, then sent with sendfile(2).
    private func nupkg(id: Substring, version: Substring, file: Substring, _ request: FastRequest) -> FastAnswer? {
        guard file.hasSuffix(".nupkg"), let key = try? PackageGallery.versionKey(id: String(id), version: String(version)),
              file.lowercased() == "\(key.lowerID).\(key.lowerVersion).nupkg" else { return nil }
        let blob = BlobKey.nupkg(key)
        guard let opened = gallery.openBlobImmediately(blob) else { return nil }
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: opened.descriptor)
        // The same decisions as `BlobResponder.localFileAnswer`, whose heads these are: 304, HEAD, GET.
        let heads = packageFiles.heads(key, size: opened.size, files: files)
        let made: PackageFileAnswers.Made
        var body = FastAnswer.Body.none
        if request.ifNoneMatch != nil, DocumentResponse.matches(request.ifNoneMatch, heads.etag) {
            made = heads.notModified
        } else if request.isHead {
            made = heads.head
        } else {
            made = heads.get
            if !heads.getIsComplete { body = .file(handle, size: Int(opened.size)) }
        }
        if case .none = body { try? handle.close() }
        let answer = FastAnswer(head: made.head, wire: made.wire, body: body, family: .packageFile)
        // Counted as `FlatContainerRoutes` counts: every GET of a .nupkg that exists, 304 included.
        if !request.isHead { gallery.downloads.record(key) }
        return answer
    }
}

/// A document's answers as the fast path sends them, made once per document (kept with it, see
/// `RenderedDocument.answers`): plain and gzip, 200 and 304. HEAD shares the 200's head without the body.
final class FastDocumentAnswers: Sendable {
    struct Variant: Sendable {
        let head: HTTPResponseHead
        /// `head` as bytes, for answers written in front of NIO's encoder.
        let wire: WireHead
        /// The 200's body (nil for the 304).
        let body: ByteBuffer?
    }

    let cacheControl: String
    private let variants = Mutex<[Variant?]>([nil, nil, nil, nil])

    init(_ document: RenderedDocument, cacheControl: String) {
        self.cacheControl = cacheControl
        self.alwaysGzip = FeedURLs.Hive.isGzipEncoded(documentPath: document.path)
    }

    /// Whether the document is always sent gzip-encoded (the `-gz` hives), decided once.
    let alwaysGzip: Bool

    /// The answer to a request; nil when the document still has to be compressed (the event loop never does:
    /// the router makes it once, then every later request comes here).
    static func answer(_ document: RenderedDocument, _ request: FastRequest, cacheControl: String) -> (head: HTTPResponseHead, wire: WireHead, body: ByteBuffer?)? {
        var answers = document.answers { FastDocumentAnswers(document, cacheControl: cacheControl) }
        if answers.cacheControl != cacheControl { answers = FastDocumentAnswers(document, cacheControl: cacheControl) }
        var gzip = false
        if answers.alwaysGzip || DocumentResponse.acceptsGzip(request.acceptEncoding) {
            guard document.isGzipMade else { return nil }
            gzip = document.gzipped(using: { _ in nil }) != nil
        }
        let notModified = request.ifNoneMatch != nil && DocumentResponse.matches(request.ifNoneMatch, gzip ? document.gzipETag : document.etag)
        let variant = answers.variant(document, gzip: gzip, notModified: notModified)
        return (variant.head, variant.wire, request.isHead ? nil : variant.body)
    }

    private func variant(_ document: RenderedDocument, gzip: Bool, notModified: Bool) -> Variant {
        let slot = (gzip ? 1 : 0) + (notModified ? 2 : 0)
        if let made = variants.withLock({ $0[slot] }) { return made }
        let response = DocumentResponse.response(document, gzip: gzip, notModified: notModified, isHead: true, cacheControl: cacheControl)
        let head = FastAnswer.head(of: response)
        let made = Variant(
            head: head, wire: WireHead(head),
            body: notModified ? nil : DocumentResponse.sendBuffer(document, gzip: gzip))
        variants.withLock { $0[slot] = made }
        return made
    }
}

/// 404 answers by message, made once each (bounded: forgotten all at once when full).
final class NotFoundAnswers: Sendable {
    /// The answers to one message: GET's and HEAD's heads (and their bytes), the body.
    struct Made: Sendable {
        let head: HTTPResponseHead
        let wire: WireHead
        let headHead: HTTPResponseHead
        let headWire: WireHead
        let body: ByteBuffer

        func answer(family: RouteFamily, isHead: Bool) -> FastAnswer {
            isHead
                ? FastAnswer(head: headHead, wire: headWire, body: .none, family: family)
                : FastAnswer(head: head, wire: wire, body: .bytes(body), family: family)
        }
    }

    private let answers = Mutex<[String: Made]>([:])
    static let capacity = 10_000

    func answer(message: String, family: RouteFamily, isHead: Bool) -> FastAnswer {
        if let made = answers.withLock({ $0[message] }) {
            return made.answer(family: family, isHead: isHead)
        }
        let error = GalleryError.notFound(message).httpError
        let head = FastAnswer.head(of: error.response(isHead: false))
        let headHead = FastAnswer.head(of: error.response(isHead: true))
        let made = Made(head: head, wire: WireHead(head), headHead: headHead, headWire: WireHead(headHead), body: ByteBuffer(string: error.bodyText))
        answers.withLock { answers in
            if answers.count >= Self.capacity { answers.removeAll() }
            answers[message] = made
        }
        return made.answer(family: family, isHead: isHead)
    }
}
