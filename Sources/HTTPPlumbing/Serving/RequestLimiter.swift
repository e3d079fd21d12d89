import Synchronization

/// Bounds how many requests a node works on at once, with a short FIFO queue behind the limit.
///
/// Without a bound, more connections than the machine can serve make every answer slow (each waits for
/// all the others: latency collapse); with it, requests beyond `maxInFlight + maxQueued` are refused at
/// once (503 with `Retry-After`, which NuGet clients honour) and the rest keep their latency. A slot is
/// held while the handler runs; a response body that streams afterwards (a large download) no longer
/// holds it, so the limit counts CPU-bound work, not slow readers.
///
/// The slots only see requests whose handler has started. Work that does not suspend (ranking a search)
/// never piles up there: requests wait before it, as tasks not yet run and heads already read off the
/// sockets. So the same limiter also *admits* requests at the connection (`RequestAdmissionHandler`, on
/// the event loop, as each head is read): at most `maxInFlight + maxQueued` requests between their head
/// and the end of their answer; the next one is answered 503 there, before any task is made for it.
public final class RequestLimiter: Sendable {
    private struct State {
        /// Requests admitted at the connection whose answer has not ended.
        var admitted = 0
        var inFlight = 0
        var waiters: [CheckedContinuation<Bool, Never>] = []
        /// Index of the first waiter still waiting (a FIFO without moving the array on every hand-over).
        var head = 0
        var queued: Int { waiters.count - head }
    }

    /// Requests handled at the same time.
    public let maxInFlight: Int
    /// Requests waiting for a slot; beyond this they are refused.
    public let maxQueued: Int
    private let state = Mutex(State())
    /// `inFlight << 32 | queued` as last changed under the lock, for `freeSlot()`, which reads it without the lock.
    private let published = Atomic<Int>(0)

    /// Publishes the slots in use and the line's length (called under the lock after they change).
    private func publish(_ state: State) {
        published.store(state.inFlight << 32 | min(state.queued, 0xFFFF_FFFF), ordering: .relaxed)
    }

    /// Creates a limiter; `maxInFlight` is at least 1, `maxQueued` at least 0.
    public init(maxInFlight: Int, maxQueued: Int) {
        self.maxInFlight = max(1, maxInFlight)
        self.maxQueued = max(0, maxQueued)
    }

    /// Requests holding a slot now.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// Requests waiting for a slot now.
    public var queued: Int { state.withLock { $0.queued } }
    /// Requests admitted at the connection now (head read, answer not ended).
    public var admitted: Int { state.withLock { $0.admitted } }
    /// How many requests may be admitted at once: the slots and the line behind them.
    public var maxAdmitted: Int { maxInFlight + maxQueued }

    /// Admits one more request read off a connection; false when `maxAdmitted` are already in.
    public func tryAdmit() -> Bool {
        state.withLock { state in
            guard state.admitted < maxAdmitted else { return false }
            state.admitted += 1
            return true
        }
    }

    /// The answer of an admitted request has ended (or its connection closed).
    public func dismiss() {
        state.withLock { $0.admitted = max(0, $0.admitted - 1) }
    }

    /// Takes a slot, waiting in line when all are taken; false (at once) when the line is full too.
    public func acquire() async -> Bool {
        // The common case (a free slot) takes one lock and no continuation.
        if tryAcquire() { return true }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            enum Decision { case granted, refused, queued }
            let decision: Decision = state.withLock { state in
                // Decided again under the lock: a slot may have freed, or the line filled, meanwhile.
                if state.inFlight < maxInFlight && state.queued == 0 {
                    state.inFlight += 1
                    publish(state)
                    return .granted
                }
                guard state.queued < maxQueued else { return .refused }
                state.waiters.append(continuation)
                publish(state)
                return .queued
            }
            switch decision {
            case .granted: continuation.resume(returning: true)
            case .refused: continuation.resume(returning: false)
            case .queued: break
            }
        }
    }

    /// Takes a free slot if there is one and nobody is waiting for it.
    func tryAcquire() -> Bool {
        state.withLock { state in
            guard state.inFlight < maxInFlight && state.queued == 0 else { return false }
            state.inFlight += 1
            publish(state)
            return true
        }
    }

    /// The slots in use and the line's length when `tryAcquire()` would grant a slot now (one free, nobody
    /// waiting), read without the lock; nil when it would not. For work that would give the slot back before
    /// anything could wait for it (the fast path's answer written in one go on its event loop): it takes no slot,
    /// so it writes nothing the other event loop reads.
    func freeSlot() -> (inFlight: Int, queued: Int)? {
        let packed = published.load(ordering: .relaxed)
        let inFlight = packed >> 32
        let queued = packed & 0xFFFF_FFFF
        guard inFlight < maxInFlight && queued == 0 else { return nil }
        return (inFlight, queued)
    }

    /// Gives a slot back: to the first waiter, who then holds it, or to the pool.
    public func release() {
        _ = releaseReporting()
    }

    /// `release()`, answering the slots in use and the queue's length right after it (read under the same lock:
    /// the fast path records them per answer, and two more lock rounds per request showed in its profile).
    @discardableResult
    func releaseReporting() -> (inFlight: Int, queued: Int) {
        let (next, inFlight, queued): (CheckedContinuation<Bool, Never>?, Int, Int) = state.withLock { state in
            let next = Self.handOver(&state)
            publish(state)
            return (next, state.inFlight, state.queued)
        }
        next?.resume(returning: true)
        return (inFlight, queued)
    }

    /// Takes the slot back into the pool, or passes it to the first waiter (returned, to be resumed).
    private static func handOver(_ state: inout State) -> CheckedContinuation<Bool, Never>? {
        guard state.queued > 0 else {
            state.inFlight -= 1
            return nil
        }
        let waiter = state.waiters[state.head]
        state.head += 1
        if state.head == state.waiters.count {
            state.waiters.removeAll(keepingCapacity: true)
            state.head = 0
        } else if state.head > 64 && state.head * 2 > state.waiters.count {
            state.waiters.removeFirst(state.head)
            state.head = 0
        }
        return waiter  // the slot passes to the waiter: inFlight stays the same
    }
}
