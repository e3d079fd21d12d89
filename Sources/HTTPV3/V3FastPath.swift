public import Gallery
public import HTTPPlumbing
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// The V3 reads the event-loop fast path answers (`FastPath`): the service index, flat-container version lists,
/// registration hives and catalog documents held in memory, their remembered 404s, `.nupkg` downloads from
/// the data folder, and search and autocomplete (`FastSearchAnswers`). Everything else — a document only the
/// blob store can tell about, an id the upstreams may have, a query string on any other path, another file of a
/// package — returns nil and goes to the router.
///
/// Every answer is made by the same functions as the routes' (`DocumentResponse`, `BlobResponder`,
/// `NuGetHTTPError`), so both paths send the same bytes; `FastPathTests` compares them.
public struct V3FastPath: FastPathResponder {
    let gallery: PackageGallery
    let files: BlobResponder
    let serviceIndex: RenderedDocument
    /// With upstreams, a missing id or document may be theirs: the router asks them.
    let hasUpstreams: Bool
    /// Rendered 404 answers by message (the state is checked on every lookup; only the bytes are kept).
    private let notFound = NotFoundAnswers()
    /// `.nupkg` heads by file.
    private let packageFiles = PackageFileAnswers()
    /// Search and autocomplete, when given the application's answers and the feed has no upstreams.
    private let search: FastSearchAnswers?

    /// Creates the responder over the application's gallery and its one blob responder; `hasUpstreams` as the
    /// routes were given upstreams; `searchAnswers` the application's one (the routes' too), nil to leave search
    /// and autocomplete to the router.
    public init(gallery: PackageGallery, files: BlobResponder, hasUpstreams: Bool, searchAnswers: SearchAnswers? = nil) {
        self.gallery = gallery
        self.files = files
        self.serviceIndex = ServiceIndexRoutes<BasicRequestContext>.document(gallery.urls)
        // Compressed now: the router serves its own copy, so this one would never be compressed on demand.
        _ = serviceIndex.gzipped(using: GzipEncoder.encode)
        self.hasUpstreams = hasUpstreams
        // With upstreams a search may ask for their results merged in (`UpstreamInclusion`): the router's.
        self.search = hasUpstreams ? nil : searchAnswers.map { FastSearchAnswers(answers: $0) }
    }

    /// The answer to a search or autocomplete request (nil: the router's), or nil when the request is not one.
    private func searchAnswer(_ request: FastRequest, memo: SearchMemo? = nil) -> FastAnswer?? {
        guard FastSearchAnswers.asks(request) else {
            // Documents and files are never asked with a query: the router answers whatever one means.
            return request.query == nil ? FastAnswer??.none : .some(nil)
        }
        guard let search else { return .some(nil) }
        return .some(memo.map { search.answer(request, memo: $0) } ?? search.answer(request))
    }

    public func answer(_ request: FastRequest) -> FastAnswer? {
        if let searched = searchAnswer(request) { return searched }
        return switch resolve(request) {
        case .remembered(let answers): answers.answer(request)
        case .answer(let answer): answer
        case nil: nil
        }
    }

    /// The answer from the loop's memo of prepared answers (`DocumentMemo`) when it has one for this path and
    /// the memory's generation has not moved since; else as `answer(_:)`, remembering what it found.
    public func answer(_ request: FastRequest, memo loopMemo: FastPathLoopMemo) -> FastAnswer? {
        let memos = loopMemo.object { V3LoopMemo() }
        if let searched = searchAnswer(request, memo: memos.search) { return searched }
        let memo = memos.documents
        // Read before any lookup below: what they find is remembered for this generation only.
        memo.use(generation: gallery.documents.generation)
        let key = String(request.path)  // the request's own string (a whole substring is not copied)
        if let remembered = memo[key] {
            if let hit = remembered.countedLookup { memo.counters.count(hit: hit) }
            if let answer = remembered.answer(request) { return answer }
            // Gzip asked of a document whose gzip body the router had not made yet when remembered: now made?
            guard let renewed = remembered.renewed() else { return nil }
            memo[key] = renewed
            return renewed.answer(request)
        }
        switch resolve(request) {
        case .remembered(let answers):
            memo[key] = answers
            return answers.answer(request)
        case .answer(let answer):
            return answer
        case nil:
            return nil
        }
    }

    /// What a request gets: a document's or a 404's answers (the same for every later request of the path while
    /// the memory's generation stays), a package file's answer, or nil for the router.
    enum Resolution {
        case remembered(RememberedAnswers)
        case answer(FastAnswer)
    }

    func resolve(_ request: FastRequest) -> Resolution? {
        let path = request.path.utf8
        guard path.starts(with: Self.v3) else { return nil }
        let rest = path.dropFirst(Self.v3.count)
        if rest.elementsEqual(Self.indexJSON) {
            return .remembered(.document(PreparedDocument(serviceIndex, cacheControl: serviceIndexCacheControl, family: .serviceIndex)))
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
                    return .remembered(.document(PreparedDocument(document, cacheControl: DocumentResponse.indexCacheControl, family: .flatIndex)))
                case .absent where !hasUpstreams:
                    let lowerID = Self.lowercased(id)
                    return .remembered(.notFound(notFound.answers(message: "Package '\(lowerID)' was not found."), family: .flatIndex))
                default:
                    return nil
                }
            }
            guard let second = afterID.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let file = afterID[afterID.index(after: second)...]
            guard !file.contains(UInt8(ascii: "/")) else { return nil }
            return nupkg(id: Substring(id), version: Substring(afterID[..<second]), file: Substring(file), request).map { .answer($0) }
        }
        for root in Self.documentRoots where rest.starts(with: root.prefix) {
            let documentPath = Self.lowercased(rest.dropFirst(root.prefix.count))
            guard !documentPath.hasPrefix("_") else { return nil }
            switch gallery.documents.cachedLookup(at: root.name + "/" + documentPath) {
            case .hit(let document):
                let immutable = root.isCatalog && documentPath.hasPrefix("data/")
                let cacheControl = immutable ? DocumentResponse.immutableCacheControl : DocumentResponse.indexCacheControl
                return .remembered(.document(PreparedDocument(document, cacheControl: cacheControl, family: root.family)))
            case .absent where !hasUpstreams:
                return .remembered(.notFound(notFound.answers(message: "No document at /v3/\(root.name)/\(documentPath)."), family: root.family))
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

    /// A `.nupkg` of a version whose file is in the data folder: counted, then sent with sendfile(2).
    private func nupkg(id: Substring, version: Substring, file: Substring, _ request: FastRequest) -> FastAnswer? {
        guard file.hasSuffix(".nupkg"), let key = try? PackageGallery.versionKey(id: String(id), version: String(version)),
              file.lowercased() == "\(key.lowerID).\(key.lowerVersion).nupkg" else { return nil }
        let blob = BlobKey.nupkg(key)
        guard let opened = gallery.openBlobImmediately(blob) else { return nil }
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: opened.descriptor)
        // The same decisions as `BlobResponder.localFileAnswer`, whose heads these are: 304, HEAD, GET.
        let heads = packageFiles.heads(key, size: opened.size, files: files)
        let made: PreparedHead
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
        let answer = FastAnswer(prepared: made, body: body, family: .packageFile)
        // Counted as `FlatContainerRoutes` counts: every GET of a .nupkg that exists, 304 included.
        if !request.isHead { gallery.downloads.record(key) }
        return answer
    }
}

/// What `V3FastPath` remembers per event loop: prepared document answers by path, search answers by query.
final class V3LoopMemo {
    let documents = DocumentMemo()
    let search = SearchMemo()
}
