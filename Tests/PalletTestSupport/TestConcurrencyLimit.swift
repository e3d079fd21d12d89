/// At most `width` holders at once; others wait in order. Swift Testing runs every test and every
/// parameterized case at the same time, and on PostgreSQL each one holds connections: without a bound a
/// full run exceeds the server's `max_connections` (and measures the server's admission, not Pallet).
public actor TestConcurrencyLimit {
    private let width: Int
    private var holders = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A limit of `width` concurrent holders.
    public init(width: Int) {
        self.width = width
    }

    /// Tests that hold PostgreSQL connections (stores, test servers) share this limit.
    public static let postgres = TestConcurrencyLimit(width: 12)

    /// Runs `body` once a place is free.
    public func run<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
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

    /// Waits for a place and takes it; every `acquire` needs one `release`.
    public func acquire() async {
        if holders < width {
            holders += 1
            return
        }
        // The place passes directly from `release()` to the waiter, so `holders` stays the same.
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Gives the place back (to the longest waiter, if any).
    public func release() {
        if waiters.isEmpty {
            holders -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
