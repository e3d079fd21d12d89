import Foundation
import Gallery
import GalleryTestSupport
import Logging
import PalletTestSupport
import SQLStore
import Testing

/// The metadata store implementations the contract suite runs over.
///
/// Memory and SQLite always run. PostgreSQL joins when `PALLET_TEST_POSTGRES_URL` (an admin URL, e.g. from
/// `scripts/test-services.sh start`) is set; otherwise it is left out with a printed reason, so a green
/// run never hides that it did not run.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The kinds that can run here, decided once per test process: every contract test runs on each.
    static let available: [StoreKind] = [.memory] + sqlAvailable

    /// The SQL kinds that can run here (tests of SQL-only behaviour: several connections, migrations, copying).
    static let sqlAvailable: [StoreKind] = {
        if PostgresTestServer.adminURL != nil {
            return [.sqlite, .postgres]
        }
        print("StoreTests: PALLET_TEST_POSTGRES_URL is not set; skipping the postgres store kind (SQLite only).")
        return [.sqlite]
    }()

    /// A fresh, empty database of this kind for one test; `drop()` it afterwards (or use `withDatabase`).
    func makeDatabase() async throws -> TestDatabase {
        switch self {
        case .memory:
            return TestDatabase(kind: self, location: "memory", memory: InMemoryMetadataStore())
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return TestDatabase(kind: self, location: folder.appendingPathComponent("pallet.sqlite").path)
        case .postgres:
            return TestDatabase(kind: self, location: try await PostgresTestServer.createDatabase())
        }
    }
}

/// One test's database: open as many store instances on it as the test needs (each is a separate
/// connection, or pool: a separate "process").
struct TestDatabase: Sendable {
    let kind: StoreKind
    /// The SQLite file's path, or the PostgreSQL database's URL.
    let location: String
    /// The one in-memory store of a `.memory` database.
    var memory: InMemoryMetadataStore?

    var sqlitePath: String { location }
    var postgresURL: String { location }

    /// The store under test: the in-memory one, or a new SQL instance (not migrated).
    func openStore() async throws -> any MetadataStore {
        if let memory { return memory }
        return try await open()
    }

    /// A new SQL store instance (not migrated).
    func open() async throws -> SQLMetadataStore {
        var logger = Logger(label: "pallet.store-tests")
        logger.logLevel = .warning
        switch kind {
        case .memory: throw StoreTestError.notSQL
        case .sqlite: return try await SQLMetadataStore.openSQLite(path: location, logger: logger)
        case .postgres: return try await SQLMetadataStore.openPostgres(url: location, logger: logger, maxConnections: 4)
        }
    }

    /// Removes the database (a PostgreSQL one even while connections remain).
    func drop() async {
        switch kind {
        case .memory:
            break
        case .sqlite:
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: location).deletingLastPathComponent())
        case .postgres:
            await PostgresTestServer.dropDatabase(url: location)
        }
    }
}

/// Runs `body` with a fresh database of `kind`, dropped afterwards whether `body` throws or not.
/// PostgreSQL databases count against `TestConcurrencyLimit.postgres` (the server's connection limit).
func withDatabase(_ kind: StoreKind, _ body: (TestDatabase) async throws -> Void) async throws {
    let limit: TestConcurrencyLimit? = kind == .postgres ? .postgres : nil
    await limit?.acquire()
    do {
        let database = try await kind.makeDatabase()
        do {
            try await body(database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    } catch {
        await limit?.release()
        throw error
    }
    await limit?.release()
}

/// A SQL-only helper was asked for the memory kind.
enum StoreTestError: Error {
    case notSQL
}

/// Runs `body` with a migrated store of any kind on a fresh database, then shuts it down and drops the database.
func withStore(
    _ kind: StoreKind, _ body: (any MetadataStore, TestDatabase) async throws -> Void
) async throws {
    try await withDatabase(kind) { database in
        try await withMigrated(try await database.openStore()) { try await body($0, database) }
    }
}

/// Runs `body` with a migrated SQL store on a fresh database, then shuts it down and drops the database.
func withSQLStore(
    _ kind: StoreKind, _ body: (SQLMetadataStore, TestDatabase) async throws -> Void
) async throws {
    try await withDatabase(kind) { database in
        try await withMigrated(try await database.open()) { try await body($0, database) }
    }
}

/// Migrates `store`, runs `body`, and shuts the store down whether or not `body` throws.
private func withMigrated<Store: MetadataStore>(_ store: Store, _ body: (Store) async throws -> Void) async throws {
    do {
        try await store.migrate()
        try await body(store)
        try await store.shutdown()
    } catch {
        try? await store.shutdown()
        throw error
    }
}

/// Runs `body` with another, already migrated-or-not store instance on `database`, shut down afterwards.
func withSecondInstance(
    of database: TestDatabase, _ body: (SQLMetadataStore) async throws -> Void
) async throws {
    let store = try await database.open()
    do {
        try await body(store)
        try await store.shutdown()
    } catch {
        try? await store.shutdown()
        throw error
    }
}
