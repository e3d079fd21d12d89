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
        let configuration = postgresConfiguration(parsed)
        let group = MultiThreadedEventLoopGroup.singleton
        // The pool keeps one sub-pool per event loop; split the budget between them.
        let loops = Array(group.makeIterator()).count
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: max(1, maxConnections / max(1, loops)),
            requestTimeout: postgresRequestTimeout,
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

extension SQLMetadataStore {
    /// How long one connection attempt may take before it fails: a server that does not answer must not
    /// hold up start-up or a request for long. The pool makes one attempt per connection request (AsyncKit's
    /// `EventLoopConnectionPool` fails the request with the attempt's error; it does not retry).
    static let postgresConnectTimeout: TimeAmount = .seconds(5)
    /// How long a request waits for a pooled connection before it fails with `.unavailable`.
    static let postgresRequestTimeout: TimeAmount = .seconds(10)

    /// The connection settings `openPostgres` uses for `parsed`: its own, with the bounded connect timeout.
    static func postgresConfiguration(_ parsed: PostgresURL) -> SQLPostgresConfiguration {
        var configuration = parsed.configuration
        configuration.coreConfiguration.options.connectTimeout = postgresConnectTimeout
        return configuration
    }
}

/// AsyncKit's pool class predates `Sendable` but guards its state with its own lock (its database
/// wrapper is already shared across tasks), so handing it to the shutdown closure is safe.
private struct PoolHandle: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
}
