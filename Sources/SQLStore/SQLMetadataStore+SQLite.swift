public import Logging
import Gallery
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

extension SQLMetadataStore {
    /// Opens (creating if needed) the SQLite database at `path`. Call `migrate()` next and `shutdown()` at the end.
    ///
    /// The connection uses WAL (readers never wait for the writer), a 10 s busy timeout (an admin command
    /// and the server may write the same file; one waits for the other instead of failing), foreign keys
    /// and `synchronous = FULL` (a commit that returned survives power loss; see the report on timings).
    ///
    /// Queries run on a thread owned by this store, never on the cooperative pool or an event loop. The
    /// thread is not shared: a statement waiting for another process's write lock (busy timeout) must not
    /// block a shared pool whose threads the lock holder needs to finish its own transaction.
    public static func openSQLite(path: String, logger: Logger) async throws -> SQLMetadataStore {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: thread, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        } catch {
            try? await thread.shutdownGracefully()
            throw classifySQLiteError(error) ?? StoreError.unavailable("The SQLite database at \(path) cannot be opened.")
        }
        // Debug-level query logs would flood the server log; queries log at trace.
        let database = connection.sql(queryLogLevel: .trace)
        do {
            // busy_timeout first: it replaces SQLiteNIO's spin-forever busy handler and covers the WAL switch.
            // Only another process (the admin CLI, a second instance) holds the file's write lock against us, and
            // it may hand the lock from one of its queued writes to the next while our connection polls; 30 s
            // rides out such a run on a loaded machine before a write answers "unavailable".
            try await database.raw("PRAGMA busy_timeout = 30000").run()
            let mode = try await database.raw("PRAGMA journal_mode = WAL").first()?.decode(column: "journal_mode", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw StoreError.unavailable("The SQLite database at \(path) cannot use write-ahead logging.")
            }
            try await database.raw("PRAGMA synchronous = FULL").run()
            try await database.raw("PRAGMA foreign_keys = ON").run()
        } catch {
            try? await connection.close()
            try? await thread.shutdownGracefully()
            throw (error as? StoreError) ?? classifySQLiteError(error) ?? error
        }
        return SQLMetadataStore(database: database, dialect: .sqlite, logger: logger) {
            // Stop the thread even when closing fails, then report the failure.
            var failure: (any Error)?
            do { try await connection.close() } catch { failure = error }
            try await thread.shutdownGracefully()
            if let failure { throw failure }
        }
    }
}
