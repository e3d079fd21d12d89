public import Foundation
public import Gallery
import Synchronization

/// A blob store over another one that stops one chosen operation until the test lets it go: how a test
/// puts another node's change in the middle of a render (between reading and writing, or between a write
/// and the render's next step), deterministically, with no sleeps.
///
/// `arm(put:)` stops the next put of a key twice: before the bytes reach the inner store (`reached`,
/// then `proceed()`), and after (`wrote`, then `finish()`). `arm(read:)` stops the next read of a key
/// once, before it (`reached`, then `proceed()`). Every other operation goes straight through.
public final class GatedBlobStore: BlobStore {
    private let inner: any BlobStore
    private enum Armed { case none, put(String), read(String) }
    private let armed = Mutex<Armed>(.none)
    private let putPaths = Mutex<[String]>([])

    /// The gated operation has started and waits for `proceed()`.
    public let reached = TestSignal()
    private let proceeded = TestSignal()
    /// The gated put has written its bytes and waits for `finish()`.
    public let wrote = TestSignal()
    private let finished = TestSignal()

    /// Gates operations on `inner`, which other nodes may use directly.
    public init(over inner: any BlobStore) {
        self.inner = inner
    }

    /// Stops the next put of `key` (see the type's description).
    public func arm(put key: BlobKey) { armed.withLock { $0 = .put(key.path) } }
    /// Stops the next read of `key` before it reads.
    public func arm(read key: BlobKey) { armed.withLock { $0 = .read(key.path) } }
    /// Lets the gated operation run.
    public func proceed() { proceeded.fire() }
    /// Lets the gated put return.
    public func finish() { finished.fire() }
    /// Every key put through this store so far, in order.
    public var puts: [String] { putPaths.withLock { $0 } }

    private func take(_ match: (Armed) -> Bool) -> Bool {
        armed.withLock { state in
            guard match(state) else { return false }
            state = .none
            return true
        }
    }

    private func put(_ key: BlobKey, _ write: () async throws -> Void) async throws {
        putPaths.withLock { $0.append(key.path) }
        guard take({ if case .put(key.path) = $0 { true } else { false } }) else { return try await write() }
        reached.fire()
        await proceeded.wait()
        try await write()
        wrote.fire()
        await finished.wait()
    }

    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        try await put(key) { try await inner.put(key, movingFileAt: path) }
    }

    public func put(_ key: BlobKey, data: Data) async throws {
        try await put(key) { try await inner.put(key, data: data) }
    }

    public func data(_ key: BlobKey) async throws -> Data? {
        if take({ if case .read(key.path) = $0 { true } else { false } }) {
            reached.fire()
            await proceeded.wait()
        }
        return try await inner.data(key)
    }

    public func location(_ key: BlobKey) async throws -> BlobLocation? { try await inner.location(key) }
    public func delete(_ key: BlobKey) async throws { try await inner.delete(key) }
    public func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
}

/// A one-shot signal: `wait()` returns once `fire()` was called (before or after).
public final class TestSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init() {}

    /// Wakes every waiter, now and later.
    public func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the signal has fired.
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let fired = state.withLock { state in
                if state.fired { return true }
                state.waiters.append(continuation)
                return false
            }
            if fired { continuation.resume() }
        }
    }
}
