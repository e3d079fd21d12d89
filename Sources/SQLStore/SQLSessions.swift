import Gallery
import PostgresKit
import SQLKit
import Synchronization

/// Hands the database to callers, one at a time when the dialect needs it, and runs transactions.
///
/// SQLKit 3 has no transaction API, so a transaction is `BEGIN … COMMIT` on one session
/// (`withSession` pins a pooled connection on PostgreSQL; SQLite has a single connection,
/// guarded by `AsyncLock` so statements of concurrent callers never interleave).
struct SQLSessions: Sendable {
    let database: any SQLDatabase
    let dialect: SQLDialectFeatures
    private let lock: AsyncLock?
    private let state = SessionState()

    init(database: any SQLDatabase, dialect: SQLDialectFeatures) {
        self.database = database
        self.dialect = dialect
        self.lock = dialect.serializesCallers ? AsyncLock() : nil
    }

    /// Runs `body` on one connection, alone when the dialect serializes callers.
    func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await StoreMetrics.measure(StoreMetrics.read) { try await session(body) }
    }

    private func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let database = self.database
        let state = self.state
        if let lock {
            return try await lock.withLock {
                try state.requireOpen()
                return try await database.withSession(body)
            }
        }
        try state.requireOpen()
        return try await database.withSession(body)
    }

    /// Runs `body` on one pooled connection when the database is PostgreSQL (nil otherwise), as a read.
    func withPostgresConnection<R: Sendable>(_ body: @escaping @Sendable (any PostgresDatabase) async throws -> R) async throws -> R? {
        guard let pool = database as? GuardedPostgresPool else { return nil }
        try state.requireOpen()
        return try await StoreMetrics.measure(StoreMetrics.read) { try await pool.withGuardedConnection(body) }
    }

    /// Runs `body` (closing the connection) once, while no caller holds the connection.
    /// Later calls fail with `StoreError.unavailable`; a second shutdown does nothing.
    func shutdown(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let state = self.state
        let close: @Sendable () async throws -> Void = {
            guard state.markClosed() else { return }
            try await body()
        }
        if let lock {
            try await lock.withLock(close)
        } else {
            try await close()
        }
    }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    func write<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = dialect.beginWriteTransaction
        return try await StoreMetrics.measure(StoreMetrics.transaction) { try await transaction(begin, body) }
    }

    /// Runs `body`, one statement that is atomic by itself, without `BEGIN … COMMIT` (one round trip instead
    /// of three); counted as a transaction.
    func writeStatement<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await StoreMetrics.measure(StoreMetrics.transaction) { try await session(body) }
    }

    private func transaction<R: Sendable>(_ begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await session { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                // Also reached when COMMIT itself fails (the transaction is then still open).
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// Whether the store was shut down: a closed SQLite handle must never be used again.
private final class SessionState: Sendable {
    private let closed = Atomic<Bool>(false)

    func requireOpen() throws {
        if closed.load(ordering: .acquiring) {
            throw StoreError.unavailable("The metadata store is shut down.")
        }
    }

    /// Returns true for the call that closed it.
    func markClosed() -> Bool {
        !closed.exchange(true, ordering: .acquiringAndReleasing)
    }
}
