public import Gallery
public import Logging
public import SQLKit
import PostgresKit

/// The metadata store on any SQL database SQLKit speaks: SQLite by default, PostgreSQL for scale-out.
///
/// All queries are shared SQL; what differs per database lives in `SQLDialectFeatures`.
/// Open a SQLite file with `openSQLite(path:logger:)`, call `migrate()`, and `shutdown()` when done
/// (the SQLite connection must be closed before the store is released).
public final class SQLMetadataStore: MetadataStore {
    let sessions: SQLSessions
    let logger: Logger
    private let onShutdown: @Sendable () async throws -> Void

    /// Creates a store on `database`. `onShutdown` releases whatever opened it (a connection or a pool).
    ///
    /// With a dialect that serializes callers (SQLite), `database` must be a single connection
    /// used by nothing else; the store then guarantees one statement sequence at a time.
    public init(
        database: any SQLDatabase, dialect: SQLDialectFeatures, logger: Logger,
        onShutdown: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.sessions = SQLSessions(database: database, dialect: dialect)
        self.logger = logger
        self.onShutdown = onShutdown
    }

    /// The dialect this store speaks.
    public var dialect: SQLDialectFeatures { sessions.dialect }

    /// Closes the connection after the calls in progress finish. Later calls fail with `StoreError.unavailable`.
    public func shutdown() async throws {
        try await sessions.shutdown(onShutdown)
    }

    /// Runs a read on one session, mapping driver errors to `StoreError`.
    func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await mappingErrors { try await sessions.read(body) }
    }

    /// Runs a write transaction, mapping driver errors to `StoreError`.
    func write<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await mappingErrors { try await sessions.write(body) }
    }

    /// Runs a single-statement write (atomic by itself) without a transaction around it, mapping driver errors.
    func writeStatement<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await mappingErrors { try await sessions.writeStatement(body) }
    }

    /// Runs `body` on one pooled PostgreSQL connection with PostgresNIO's own API (rows decoded by position, not by
    /// name as through SQLKit), mapping driver errors to `StoreError`; nil without running it on other databases.
    func withPostgres<R: Sendable>(_ body: @escaping @Sendable (PostgresRows) async throws -> R) async throws -> R? {
        try await mappingErrors { try await sessions.withPostgresConnection { try await body(PostgresRows(database: $0)) } }
    }

    private func mappingErrors<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            if let mapped = dialect.classify(error) {
                throw mapped
            }
            throw error
        }
    }
}
