import Foundation
import Gallery
import Logging
import SQLStore
import Testing

/// The metadata store implementations the contract suite runs over.
///
/// SQLite always runs. PostgreSQL joins when `PALLET_TEST_POSTGRES_URL` is set and its store exists;
/// otherwise it is left out with a printed reason, so a green run never hides that it did not run.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The kinds that can run here, decided once per test process.
    static let available: [StoreKind] = {
        var kinds: [StoreKind] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["PALLET_TEST_POSTGRES_URL"], !url.isEmpty {
            print("StoreTests: PALLET_TEST_POSTGRES_URL is set, but the PostgreSQL store is not built yet; skipping the postgres store kind.")
        } else {
            print("StoreTests: PALLET_TEST_POSTGRES_URL is not set; skipping the postgres store kind (SQLite only).")
        }
        kinds.removeAll { $0 == .postgres }
        return kinds
    }()

    /// A fresh, empty database of this kind for one test.
    func makeDatabase() throws -> TestDatabase {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return TestDatabase(kind: self, folder: folder)
        case .postgres:
            // The PostgreSQL issue adds: a schema per test, dropped in `TestDatabase.drop()`.
            throw TestDatabaseError.unsupported(self)
        }
    }
}

enum TestDatabaseError: Error {
    case unsupported(StoreKind)
}

/// One test's database: open as many store instances on it as the test needs (each is a separate connection).
struct TestDatabase: Sendable {
    let kind: StoreKind
    let folder: URL

    var sqlitePath: String { folder.appendingPathComponent("pallet.sqlite").path }

    /// A new store instance (not migrated).
    func open() async throws -> SQLMetadataStore {
        var logger = Logger(label: "pallet.store-tests")
        logger.logLevel = .warning
        return try await SQLMetadataStore.openSQLite(path: sqlitePath, logger: logger)
    }

    /// Removes the database.
    func drop() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a migrated store on a fresh database, then shuts it down and drops the database.
func withStore(
    _ kind: StoreKind, _ body: (SQLMetadataStore, TestDatabase) async throws -> Void
) async throws {
    let database = try kind.makeDatabase()
    defer { database.drop() }
    let store = try await database.open()
    do {
        try await store.migrate()
        try await body(store, database)
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
