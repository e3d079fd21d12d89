import Gallery
import Logging
import NIOCore
import PostgresKit

/// The pool's database, with sessions whose statements fail at once on a connection the server closed.
///
/// PostgresNIO sends a statement by writing it to the connection's channel without a write promise; once
/// the server has dropped the connection (`pg_terminate_backend`, a restart, a failover) and the channel's
/// handlers are gone, that write fails where nobody sees it and the statement's future never completes.
/// A transaction caught by the drop then hangs on its next statement, or on its ROLLBACK, forever, and
/// keeps its pooled connection leased: with every connection stuck, each request waits for the pool
/// and answers 503 until the process restarts. Here every statement of a session first checks, on the
/// connection's event loop (where the channel's state cannot change underneath), that the connection is
/// still open, and fails with `StoreError.unavailable` when it is not; the pool then discards the connection.
struct GuardedPostgresPool: SQLDatabase {
    /// The pool, as PostgresNIO's database (leases connections).
    let pool: any PostgresDatabase
    /// The same pool through PostgresKit's SQLKit adapter (single statements outside a session).
    let pooled: any SQLDatabase

    init(pool: any PostgresDatabase, queryLogLevel: Logger.Level?) {
        self.pool = pool
        self.pooled = pool.sql(queryLogLevel: queryLogLevel)
    }

    var logger: Logger { pooled.logger }
    var eventLoop: any EventLoop { pooled.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { pooled.version }
    var dialect: any SQLDialect { pooled.dialect }
    var queryLogLevel: Logger.Level? { pooled.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        pooled.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await pooled.execute(sql: query, onRow)
    }

    func withSession<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let level = queryLogLevel
        return try await pool.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await closure(OpenConnectionOnly(connection: connection).sql(queryLogLevel: level))
            }
        }.get()
    }
}

extension GuardedPostgresPool {
    /// Runs `body` with one leased connection as PostgresNIO's own database (rows handed over as `PostgresRow`s, to
    /// be decoded by position), its statements refused once the connection is closed, as in every session.
    func withGuardedConnection<R: Sendable>(_ body: @escaping @Sendable (any PostgresDatabase) async throws -> R) async throws -> R {
        try await pool.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await body(OpenConnectionOnly(connection: connection)) }
        }.get()
    }
}

/// One leased connection that refuses statements once it is closed, instead of leaving them pending.
private struct OpenConnectionOnly: PostgresDatabase {
    let connection: PostgresConnection

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }

    func send(_ request: any PostgresRequest, logger: Logger) -> EventLoopFuture<Void> {
        let connection = self.connection
        return whenOpen { _ in connection.send(request, logger: logger) }
    }

    func withConnection<T>(_ closure: @escaping (PostgresConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        whenOpen(closure)
    }

    /// Runs `closure` on the event loop if the connection is open there, else fails.
    private func whenOpen<T>(_ closure: @escaping (PostgresConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let connection = self.connection
        let loop = connection.eventLoop
        let promise = loop.makePromise(of: T.self)
        let work = UncheckedClosure(body: closure)
        loop.execute {
            guard !connection.isClosed else {
                promise.fail(StoreError.unavailable("The database closed the connection."))
                return
            }
            work.body(connection).cascade(to: promise)
        }
        return promise.futureResult
    }
}

/// PostgresNIO's `withConnection` closures predate `Sendable`; this one runs once, on the connection's
/// event loop, where PostgresNIO itself would run it.
private struct UncheckedClosure<T>: @unchecked Sendable {
    let body: (PostgresConnection) -> EventLoopFuture<T>
}
