/// A first-come, first-served lock for async callers that does not block a thread while waiting.
///
/// The SQLite store has one connection; a transaction's statements must not interleave with another
/// caller's, so callers take turns here (SQLite serializes writers anyway).
actor AsyncLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the lock is free and takes it.
    func acquire() async {
        if !held {
            held = true
            return
        }
        // Ownership passes directly from `release()` to the waiter, so `held` stays true.
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the lock to the next waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` while holding the lock.
    func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async rethrows -> R {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
