import Foundation
import Gallery
import Logging
import SQLKit

extension SQLMetadataStore {
    /// Creates or upgrades the schema in one write transaction.
    ///
    /// Safe when two processes start at once: the second waits for the first's transaction
    /// (SQLite's write lock, or the dialect's `migrationLock`) and then finds every step applied.
    public func migrate() async throws {
        let dialect = self.dialect
        let logger = self.logger
        let applied: [Int64] = try await write { db in
            if let lock = dialect.migrationLock {
                try await db.raw(SQLQueryString(lock)).run()
            }
            try await db.raw(SQLQueryString("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version \(unsafeRaw: dialect.bigintType) PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied \(unsafeRaw: dialect.bigintType) NOT NULL
                )
                """)).run()
            let done = Set(try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int64.self) })
            var newlyApplied: [Int64] = []
            for migration in SQLSchema.migrations where !done.contains(migration.version) {
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: StoreDate.microseconds(Date())))
                    """).run()
                newlyApplied.append(migration.version)
            }
            if let newest = done.max(), newest > SQLSchema.migrations.last?.version ?? 0 {
                // A newer Pallet migrated this database; this one only knows older steps.
                logger.warning("The database schema is newer than this Pallet version.", metadata: ["schema": "\(newest)"])
            }
            return newlyApplied
        }
        if !applied.isEmpty {
            logger.info("Applied metadata schema steps.", metadata: ["steps": "\(applied)", "dialect": "\(dialect.name)"])
        }
    }
}
