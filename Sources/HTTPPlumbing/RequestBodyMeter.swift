import Synchronization

/// What `EarlyAnswerHandler` saw of request bodies: how much of a body the server had read off the
/// connection when it answered, and how a connection answered early ended.
///
/// A test hook: "answered 401 before the body was read" is a statement about the bytes the server
/// read, which a client cannot measure (its count includes kernel socket buffers). Nil in production.
public final class RequestBodyMeter: Sendable {
    /// One response head as it was written.
    public struct Answer: Sendable, Equatable {
        public var status: Int
        /// Body bytes of the request the server had read off the connection when the answer started.
        public var bodyBytesRead: Int
        /// Whether the whole request body had been read by then.
        public var requestEnded: Bool

        public init(status: Int, bodyBytesRead: Int, requestEnded: Bool) {
            self.status = status
            self.bodyBytesRead = bodyBytesRead
            self.requestEnded = requestEnded
        }
    }

    /// Why a connection whose answer came before its request body ended was closed.
    public enum CloseReason: Sendable, Equatable {
        /// The rest of the body arrived within the drain limit.
        case bodyEnded
        /// More than the drain limit arrived.
        case drainLimit
        /// The body did not end within the drain timeout.
        case drainTimeout
        /// The client closed first.
        case clientClosed
    }

    /// A connection closed after an early answer.
    public struct EarlyClose: Sendable, Equatable {
        public var reason: CloseReason
        /// Body bytes of the request the server read in all, answer and drain included.
        public var bodyBytesRead: Int

        public init(reason: CloseReason, bodyBytesRead: Int) {
            self.reason = reason
            self.bodyBytesRead = bodyBytesRead
        }
    }

    private struct State {
        var answers: [Answer] = []
        var closes: [EarlyClose] = []
    }

    private let state = Mutex(State())

    /// An empty meter.
    public init() {}

    /// Every answer so far, in the order written.
    public var answers: [Answer] { state.withLock { $0.answers } }
    /// Every early close so far.
    public var earlyCloses: [EarlyClose] { state.withLock { $0.closes } }

    func record(_ answer: Answer) {
        state.withLock { $0.answers.append(answer) }
    }

    func record(_ close: EarlyClose) {
        state.withLock { $0.closes.append(close) }
    }
}
