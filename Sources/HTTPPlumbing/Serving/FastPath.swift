import Dispatch
import Gallery
import HTTPTypes
public import Hummingbird
public import Logging
public import NIOCore
public import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers the hottest reads (GET and HEAD of cached V3 documents, their remembered 404s, package downloads
/// from the data folder) on the event loop, from answers made once, and passes every other request on to
/// Hummingbird's router unchanged (issue 13).
///
/// The ordinary path costs a request two hops between the event loop and Swift concurrency's pool, the router,
/// four middlewares and two conversions of the head between NIO's and HTTPTypes' representations; that made
/// Pallet serve the same bytes at a quarter of nginx's rate. Here a hit costs a dictionary lookup under a lock,
/// a copy of a complete response head with the request id, `Date` and `Server` added, and one write.
///
/// What the ordinary path does for such a request is done here too, in the same order and with the same code
/// where it decides bytes: the heads come from `DocumentResponse`, `BlobResponder.localFileAnswer` and
/// `NuGetHTTPError` (the reason phrase moved into the status line as `ReasonPhraseWriter` does); the answer
/// gets the client's sane `X-Request-Id` or a new one, then `Date` and `Server` as Hummingbird adds them;
/// it is counted in `ServingMetrics` with its route family, status and duration; a request takes a slot of the
/// `RequestLimiter` while it is answered, and when none is free it goes to the router, which queues or refuses
/// it as before. Documents come from the same `DocumentCache` the router reads, so a push, unlist or delete
/// here or on another node changes them at once (a changed document is a new value with no answers made).
///
/// Only plain keep-alive HTTP/1.1 GET or HEAD requests without a body, to a path of printable ASCII with no
/// query, percent-encoding or dot segments, are considered at all; and only while no earlier request of the
/// connection is still being answered by the router, so answers never overtake each other.
public final class FastPath: Sendable {
    let responder: any FastPathResponder
    let limiter: RequestLimiter?
    let metrics: ServingMetrics
    let serverName: String?
    let logger: Logger

    /// Creates the shared part of the fast path; `serverName` is the application's (Hummingbird's `Server`).
    public init(
        responder: any FastPathResponder, limiter: RequestLimiter?, serverName: String?, logger: Logger,
        metrics: ServingMetrics = .shared
    ) {
        self.responder = responder
        self.limiter = limiter
        self.metrics = metrics
        self.serverName = serverName
        self.logger = logger
    }

    /// The handler for one connection's `additionalChannelHandlers` (it installs the fast path next to NIO's
    /// HTTP/1 decoder).
    public func installer() -> FastPathInstaller {
        FastPathInstaller(fastPath: self)
    }
}

/// Decides the fast answers (see `FastPath`). Called on an event loop for every eligible request: it must not
/// block beyond a `stat` or an `open` of a local file, and returns nil for anything the router should answer.
public protocol FastPathResponder: Sendable {
    /// The complete answer to a request, or nil.
    func answer(_ request: FastRequest) -> FastAnswer?
}

/// What decides a fast answer, read off the request head in one pass.
public struct FastRequest {
    /// GET or HEAD.
    public var method: HTTPMethod
    /// The path (a plain absolute path: no query, no percent-encoding, no dot or empty segments).
    public var path: Substring
    /// `Accept-Encoding`, `If-None-Match` and `X-Request-Id` as HTTPTypes reads them (several fields of one
    /// name joined with ", ").
    public var acceptEncoding: String?
    public var ifNoneMatch: String?
    public var requestID: String?

    public var isHead: Bool { method == .HEAD }

    public init(method: HTTPMethod, path: Substring, acceptEncoding: String? = nil, ifNoneMatch: String? = nil, requestID: String? = nil) {
        self.method = method
        self.path = path
        self.acceptEncoding = acceptEncoding
        self.ifNoneMatch = ifNoneMatch
        self.requestID = requestID
    }

    /// The request when it is a plain keep-alive HTTP/1.1 GET or HEAD without a body (and nothing asking for
    /// more than a plain answer) to a plain path; nil for anything else.
    init?(_ head: HTTPRequestHead) {
        guard head.method == .GET || head.method == .HEAD, head.version == .http1_1,
              let path = Self.plainPath(head.uri) else { return nil }
        self.init(method: head.method, path: path)
        for (name, value) in head.headers {
            switch name.utf8.count {
            case 6 where name.caseInsensitiveEquals("expect"), 7 where name.caseInsensitiveEquals("upgrade"),
                 17 where name.caseInsensitiveEquals("transfer-encoding"):
                return nil
            case 10 where name.caseInsensitiveEquals("connection"):
                if !value.caseInsensitiveEquals("keep-alive") { return nil }
            case 14 where name.caseInsensitiveEquals("content-length"):
                if value != "0" { return nil }
            case 15 where name.caseInsensitiveEquals("accept-encoding"):
                acceptEncoding = acceptEncoding.map { $0 + ", " + value } ?? value
            case 13 where name.caseInsensitiveEquals("if-none-match"):
                ifNoneMatch = ifNoneMatch.map { $0 + ", " + value } ?? value
            case 12 where name.caseInsensitiveEquals("x-request-id"):
                requestID = requestID.map { $0 + ", " + value } ?? value
            default:
                continue
            }
        }
    }

    /// The path when the target is a plain absolute path: printable ASCII without query, fragment,
    /// percent-encoding, backslash, empty or dot segments (anything else goes to the router).
    static func plainPath(_ uri: String) -> Substring? {
        let bytes = uri.utf8
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var segmentLength = 0
        var segmentDots = 0
        func isPlainSegment() -> Bool {
            segmentLength > 0 && !(segmentDots == segmentLength && segmentLength <= 2)
        }
        for byte in bytes.dropFirst() {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "\\"):
                return nil
            case UInt8(ascii: "/"):
                guard isPlainSegment() else { return nil }
                segmentLength = 0
                segmentDots = 0
            case 0x21...0x7E:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            default:
                return nil
            }
        }
        guard isPlainSegment() else { return nil }
        return Substring(uri)
    }
}

/// One answer of the fast path: a complete head but for the request id, `Date` and `Server`, and its body.
public struct FastAnswer {
    /// What follows the head.
    public enum Body {
        case none
        case bytes(ByteBuffer)
        /// An open file, sent with sendfile(2) and closed when written.
        case file(NIOFileHandle, size: Int)
    }

    public var head: HTTPResponseHead
    public var body: Body
    /// The metrics' route family.
    public var family: RouteFamily

    /// An answer with a head made once (`FastAnswer.head(of:)`).
    public init(head: HTTPResponseHead, body: Body, family: RouteFamily) {
        self.head = head
        self.body = body
        self.family = family
    }

    /// The head a Hummingbird response becomes on the wire, as far as it is the application's: converted as
    /// `HTTP1ToHTTPServerCodec` converts it, with an error's message moved into the status line as
    /// `ReasonPhraseWriter` moves it. (Request id, `Date` and `Server` are added per request.)
    public static func head(of response: Response) -> HTTPResponseHead {
        var head = HTTPResponseHead(response.head)
        _ = ReasonPhraseWriter.rewrite(&head)
        return head
    }
}

/// Puts a `FastPathHandler` right after NIO's HTTP/1 request decoder (or, failing that, before the HTTPTypes
/// codec), so fast answers skip every conversion and handler of the ordinary path. Add it last.
public final class FastPathInstaller: ChannelInboundHandler, RemovableChannelHandler {
    /// Unused: the installer forwards every event untouched (NIO requires a direction).
    public typealias InboundIn = NIOAny
    let fastPath: FastPath

    init(fastPath: FastPath) {
        self.fastPath = fastPath
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        let handler = FastPathHandler(fastPath)
        if let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? pipeline.addHandler(handler, position: .after(decoder.handler))
        } else if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
            try? pipeline.addHandler(handler, position: .before(codec))
        }
    }
}

/// One connection's fast path (see `FastPath`).
final class FastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A request taken by the fast path, answered when its end arrives.
    private struct Taken {
        var answer: FastAnswer
        var requestID: String
        var started: UInt64
        var method: HTTPMethod
        var uri: String
    }

    private let fastPath: FastPath
    /// Requests passed to the router whose answers have not ended yet: while any is, every request goes there.
    private var forwarded = 0
    private var taken: Taken?
    private var needsFlush = false
    /// Reading paused because fast answers filled the socket's send buffer (a client that sends without reading).
    private var readPending = false
    private var answeredSinceWritable = false

    init(_ fastPath: FastPath) {
        self.fastPath = fastPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if forwarded == 0, taken == nil, let taking = take(head) {
                taken = taking
                return
            }
            forwarded += 1
        case .body:
            if taken != nil { return }
        case .end:
            if let answering = taken {
                taken = nil
                send(answering, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let answering = taken {
            taken = nil
            if case .file(let handle, _) = answering.answer.body { try? handle.close() }
            fastPath.limiter?.release()
        }
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), forwarded > 0 { forwarded -= 1 }
        context.write(data, promise: promise)
    }

    func read(context: ChannelHandlerContext) {
        if answeredSinceWritable, !context.channel.isWritable {
            readPending = true
            return
        }
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            answeredSinceWritable = false
            if readPending {
                readPending = false
                context.read()
            }
        }
        context.fireChannelWritabilityChanged()
    }

    /// The answer to a request when the fast path takes it, holding a limiter slot until it is sent.
    private func take(_ head: HTTPRequestHead) -> Taken? {
        guard let request = FastRequest(head) else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        if let limiter = fastPath.limiter, !limiter.tryAcquire() { return nil }  // the router queues or refuses it
        guard let answer = fastPath.responder.answer(request) else {
            fastPath.limiter?.release()
            return nil
        }
        let requestID: String
        if let incoming = request.requestID, RequestIDMiddleware<PalletRequestContext>.isSane(incoming) {
            requestID = incoming
        } else {
            requestID = FastRequestID.next()
        }
        return Taken(answer: answer, requestID: requestID, started: started, method: head.method, uri: head.uri)
    }

    private func send(_ taken: Taken, context: ChannelHandlerContext) {
        var head = taken.answer.head
        head.headers.add(name: HTTPField.Name.requestID.rawName, value: taken.requestID)
        head.headers.add(name: HTTPField.Name.date.rawName, value: HTTPDate.now())
        if let server = fastPath.serverName { head.headers.add(name: HTTPField.Name.server.rawName, value: server) }
        let status = Int(head.status.code)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        switch taken.answer.body {
        case .none:
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        case .bytes(let buffer):
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        case .file(let handle, let size):
            if size > 0 {
                context.write(wrapOutboundOut(.body(.fileRegion(FileRegion(fileHandle: handle, readerIndex: 0, endIndex: size)))), promise: nil)
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { _ in try? handle.close() }
            context.write(wrapOutboundOut(.end(nil)), promise: written)
        }
        needsFlush = true
        answeredSinceWritable = true
        fastPath.limiter?.release()
        let metrics = fastPath.metrics
        metrics.record(family: taken.answer.family, status: status, nanoseconds: DispatchTime.now().uptimeNanoseconds &- taken.started)
        if let limiter = fastPath.limiter {
            metrics.recordLimiter(inFlight: limiter.inFlight, queued: limiter.queued)
        }
        if fastPath.logger.logLevel <= .debug {
            var logger = fastPath.logger
            logger[metadataKey: requestIDMetadataKey] = .string(taken.requestID)
            logger.debug("answered \(status)", metadata: ["method": "\(taken.method)", "path": "\(taken.uri)"])
        }
    }
}

extension String {
    /// ASCII case-insensitive equality with a lowercase literal.
    func caseInsensitiveEquals(_ lowercase: StaticString) -> Bool {
        guard utf8.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            var index = 0
            for byte in utf8 {
                let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                if folded != expected[index] { return false }
                index += 1
            }
            return true
        }
    }
}

/// Request ids in Hummingbird's format (a random prefix for the process, then a 16-digit hex counter).
enum FastRequestID {
    private static let prefix = String(UInt64.random(in: .min ... .max), radix: 16)
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))
    private static let digits = Array("0123456789abcdef".utf8)

    static func next() -> String {
        let value = counter.add(1, ordering: .relaxed).oldValue
        let hex = String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                buffer[index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
            }
            return 16
        }
        return prefix + hex
    }
}

/// The `Date` header's value (RFC 9110 IMF-fixdate), formatted once per second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String {
        let second = Int(time(nil))
        return cache.withLock { cache in
            if cache.second == second { return cache.text }
            let text = format(second)
            cache = (second, text)
            return text
        }
    }

    static func format(_ second: Int) -> String {
        var seconds = time_t(second)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
