import Dispatch
import Gallery
import HTTPTypes
public import Hummingbird
public import Logging
public import NIOCore
public import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Answers the hottest reads (GET and HEAD of cached V3 documents, their remembered 404s, package downloads
/// from the data folder, search answers) on the event loop, from answers made once, and passes every other request on to
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
/// it is counted in `ServingMetrics` with its route family, status and duration; a request needs a free slot of
/// the `RequestLimiter` (held while it is answered when the answer waits for more events; see `take`), and when
/// none is free it goes to the router, which queues or refuses it as before. Documents come from the same `DocumentCache` the router reads, so a push, unlist or delete
/// here or on another node changes them at once (a changed document is a new value with no answers made).
///
/// Only plain keep-alive HTTP/1.1 GET or HEAD requests without a body, to a path of printable ASCII with no
/// percent-encoding or dot segments (and a query string only where the responder reads one: search), are
/// considered at all; and only while no earlier request of the
/// connection is still being answered by the router, so answers never overtake each other.
///
/// Two handlers per connection do it. `RawFastPathHandler`, in front of NIO's HTTP/1 codec, reads request heads
/// off the raw bytes and writes fast answers as bytes (heads encoded once per document, only the request id and
/// `Date` written per request): NIO's decoder and encoder never see those requests, so neither keeps any record
/// of them (the encoder's queue of request methods that frames HEAD answers included). Every other request's
/// bytes go on to NIO's decoder unchanged, one whole request at a time, and behind it `FastPathHandler` answers
/// the fast requests that arrive there (while an earlier answer of the router is due, or once a connection has
/// sent something the raw reader leaves to NIO for good, such as a request body) through NIO's encoder.
public final class FastPath: Sendable {
    let responder: any FastPathResponder
    let limiter: RequestLimiter?
    let metrics: ServingMetrics
    let serverName: String?
    let logger: Logger
    /// The responder's memos, one per event loop.
    let memos = FastPathLoopMemos()

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
        self.logsAnswers = logger.logLevel <= .debug
    }

    /// The handler for one connection's `additionalChannelHandlers` (it installs the fast path's two handlers
    /// next to NIO's HTTP/1 codec).
    public func installer() -> FastPathInstaller {
        FastPathInstaller(fastPath: self)
    }

    /// A request the fast path takes: its answer, and what `finish` needs to count it (and give its slot back).
    struct Taken {
        var answer: FastAnswer
        /// The caller's sane `X-Request-Id`, or nil for a new one.
        var requestID: String?
        var started: UInt64
        /// The limiter's slots in use and line when a free slot was seen and none taken (`take(... atOnce: true)`);
        /// nil when a slot is held until `finish` (or there is no limiter).
        var seenSlots: (inFlight: Int, queued: Int)?
    }

    /// The answer to a request when the fast path takes it, nil when the router should answer it.
    ///
    /// A request whose answer waits for more events (`atOnce` false: `FastPathHandler` answers at the request's
    /// end) holds a limiter slot until `finish`. One answered in the same call (`RawFastPathHandler`) would give
    /// its slot back before anything could wait for it, so it only checks that `tryAcquire()` would grant one
    /// (`RequestLimiter.freeSlot()`, one atomic load): all taken, it goes to the router, which queues or refuses it,
    /// as before; free, the answer takes no lock and writes nothing both event loops share.
    func take(_ request: FastRequest, memo: FastPathLoopMemo, atOnce: Bool = false) -> Taken? {
        let started = DispatchTime.now().uptimeNanoseconds
        var seenSlots: (inFlight: Int, queued: Int)?
        if let limiter {
            if atOnce {
                guard let free = limiter.freeSlot() else { return nil }
                seenSlots = free
            } else if !limiter.tryAcquire() {
                return nil  // the router queues or refuses it
            }
        }
        guard let answer = responder.answer(request, memo: memo) else {
            if seenSlots == nil { limiter?.release() }
            return nil
        }
        var requestID: String?
        if let incoming = request.requestID, RequestIDMiddleware<PalletRequestContext>.isSane(incoming) {
            requestID = incoming
        }
        return Taken(answer: answer, requestID: requestID, started: started, seenSlots: seenSlots)
    }

    /// Whether each answer is logged (at debug level): then its request id is read back for the log. Decided
    /// once: asking the log handler costs a dynamic call per answer.
    let logsAnswers: Bool

    /// Gives the slot back and counts the answer, once it is written.
    func finish(
        _ taken: Taken, counter: inout AnswerCounter,
        requestID: @autoclosure () -> String, method: @autoclosure () -> String, target: @autoclosure () -> String
    ) {
        let status = taken.answer.prepared.status
        let slots = taken.seenSlots ?? limiter?.releaseReporting()
        counter.record(metrics, family: taken.answer.family, status: status, nanoseconds: DispatchTime.now().uptimeNanoseconds &- taken.started)
        if let slots {
            metrics.recordLimiter(inFlight: slots.inFlight, queued: slots.queued)
        }
        if logsAnswers {
            var logger = self.logger
            logger[metadataKey: requestIDMetadataKey] = .string(requestID())
            logger.debug("answered \(status)", metadata: ["method": "\(method())", "path": "\(target())"])
        }
    }
}

/// Decides the fast answers (see `FastPath`). Called on an event loop for every eligible request: it must not
/// block beyond a `stat` or an `open` of a local file, and returns nil for anything the router should answer.
public protocol FastPathResponder: Sendable {
    /// The complete answer to a request, or nil.
    func answer(_ request: FastRequest) -> FastAnswer?

    /// The complete answer to a request, or nil, with the memo of the event loop it is answered on (called on
    /// that loop). By default `answer(_:)`.
    func answer(_ request: FastRequest, memo: FastPathLoopMemo) -> FastAnswer?
}

extension FastPathResponder {
    public func answer(_ request: FastRequest, memo: FastPathLoopMemo) -> FastAnswer? {
        answer(request)
    }
}

/// One answer of the fast path: a complete head but for the request id, `Date` and `Server`, and its body.
///
/// The head is one shared object made once per document, 404 or file (`PreparedHead`), so handing an answer
/// through the fast path's few functions retains one reference for the head instead of the half dozen inside
/// NIO's head and its bytes.
public struct FastAnswer {
    /// What follows the head.
    public enum Body {
        case none
        case bytes(ByteBuffer)
        /// An open file, sent with sendfile(2) and closed when written.
        case file(NIOFileHandle, size: Int)
    }

    /// The head and its bytes.
    public let prepared: PreparedHead
    public var body: Body
    /// The metrics' route family.
    public var family: RouteFamily

    /// NIO's head (for answers written through NIO's encoder).
    public var head: HTTPResponseHead { prepared.head }
    /// The head as NIO's encoder writes it (for answers written as bytes).
    public var wire: WireHead { prepared.wire }

    /// An answer with a head made once.
    public init(prepared: PreparedHead, body: Body, family: RouteFamily) {
        self.prepared = prepared
        self.body = body
        self.family = family
    }

    /// An answer with a head made for it alone (its bytes are encoded now).
    public init(head: HTTPResponseHead, body: Body, family: RouteFamily) {
        self.init(prepared: PreparedHead(head), body: body, family: family)
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

/// A fast answer's head made once (per document variant, remembered 404, package file): NIO's head, its bytes
/// as NIO's encoder writes them (`WireHead`), and its status code for the metrics. Immutable, so both event loops
/// share it without a lock.
public final class PreparedHead: Sendable {
    public let head: HTTPResponseHead
    public let wire: WireHead
    /// `head`'s status code.
    public let status: Int

    /// Encodes `head` once.
    public init(_ head: HTTPResponseHead) {
        self.head = head
        self.wire = WireHead(head)
        self.status = Int(head.status.code)
    }

    /// The head of a Hummingbird response, as `FastAnswer.head(of:)` converts it, encoded once.
    public convenience init(of response: Response) {
        self.init(FastAnswer.head(of: response))
    }
}

/// Puts a `FastPathHandler` right after NIO's HTTP/1 request decoder (or, failing that, before the HTTPTypes
/// codec), and a `RawFastPathHandler` in front of NIO's HTTP/1 encoder, so fast answers skip every conversion
/// and handler of the ordinary path. Add it last.
public final class FastPathInstaller: ChannelInboundHandler, RemovableChannelHandler {
    /// Unused: the installer forwards every event untouched (NIO requires a direction).
    public typealias InboundIn = NIOAny
    let fastPath: FastPath

    init(fastPath: FastPath) {
        self.fastPath = fastPath
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        let memo = fastPath.memos.memo(for: context.eventLoop)
        let handler = FastPathHandler(fastPath, memo: memo)
        if let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? pipeline.addHandler(handler, position: .after(decoder.handler))
            // In front of the encoder (NIO puts it first, before the decoder): raw bytes in, raw bytes out.
            if let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self) {
                try? pipeline.addHandler(RawFastPathHandler(fastPath, behind: handler, memo: memo), position: .before(encoder))
            }
        } else if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
            try? pipeline.addHandler(handler, position: .before(codec))
        }
    }
}
