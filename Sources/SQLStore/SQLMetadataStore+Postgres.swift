public import Logging
import Gallery
import NIOCore
import NIOPosix
import PostgresKit

extension SQLMetadataStore {
    /// Opens a pool of up to `maxConnections` connections to the PostgreSQL database at `url`
    /// (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, also `postgresql://`, with an optional `?sslmode=`;
    /// percent-encode special characters in the user and password). Call `migrate()` next and `shutdown()`
    /// at the end.
    ///
    /// Throws `SQLStoreError.invalidDatabaseURL` for a URL that cannot be used, and `StoreError.unavailable`
    /// when the server cannot be reached or refuses the login; neither message contains the password.
    ///
    /// Each transaction runs on one pooled connection. A connection the server dropped (restart, failover,
    /// `pg_terminate_backend`) is discarded and replaced on the next call, so the store recovers on its own;
    /// calls in flight at that moment fail with `.unavailable`.
    public static func openPostgres(url: String, logger: Logger, maxConnections: Int = 8) async throws -> SQLMetadataStore {
        let parsed = try PostgresURL(url)
        var configuration = parsed.configuration
        // A server that does not answer must not hold up start-up or a request for long.
        configuration.coreConfiguration.options.connectTimeout = .seconds(5)
        let group = MultiThreadedEventLoopGroup.singleton
        // The pool keeps one sub-pool per event loop; split the budget between them.
        let loops = Array(group.makeIterator()).count
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: max(1, maxConnections / max(1, loops)),
            requestTimeout: .seconds(10),
            logger: logger,
            on: group
        )
        // Debug-level query logs would flood the server log; queries log at trace. Sessions refuse statements
        // on a connection the server closed, which PostgresNIO would leave pending forever (GuardedPostgresPool).
        let database = GuardedPostgresPool(pool: pool.database(logger: logger), queryLogLevel: .trace)
        do {
            // Fail now, with a clear reason, rather than on the first request.
            try await database.raw("SELECT 1").run()
        } catch {
            try? await pool.shutdownAsync()
            throw classifyPostgresError(error)
                ?? StoreError.unavailable("The database at \(parsed.redacted) cannot be reached: \(type(of: error)).")
        }
        let handle = PoolHandle(pool: pool)
        return SQLMetadataStore(database: database, dialect: .postgres, logger: logger) {
            try await handle.pool.shutdownAsync()
        }
    }
}

/// AsyncKit's pool class predates `Sendable` but guards its state with its own lock (its database
/// wrapper is already shared across tasks), so handing it to the shutdown closure is safe.
private struct PoolHandle: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
}
