import Foundation
import Gallery
import SQLKit
import SQLStore
import SQLiteKit
import Testing

/// The store at volume: many pushes of one id and a 100,000-row load. The elapsed times are printed
/// for information only; speed is judged by the benchmarks under bench/, never by a timed test.
@Suite("SQL metadata store at volume")
struct SQLStorePerformanceTests {
    @Test("200 sequential claims + publishes of one id all become visible", arguments: StoreKind.sqlAvailable)
    func pushLatency(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, _ in
            let pushes = 200
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                for index in 0..<pushes {
                    let record = Fixture.record("Bench", "1.0.\(index)")
                    _ = try await store.claimVersion(record, owner: nil)
                    try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
                }
            }
            let perPush = elapsed / pushes
            print("StoreTests timing [\(kind)]: claim + publish \(perPush) per push over \(pushes) pushes")
            #expect(try await store.versions(ofLowerID: "bench").count == pushes)
            #expect(try await store.catalogCount() == Int64(pushes))
        }
    }

    @Test("allAvailableVersions reads 100,000 rows", arguments: StoreKind.sqlAvailable)
    func loadAll(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in
            let rows = 100_000
            try await Self.insertSynthetic(rows: rows, like: Fixture.record(), into: store, at: database)
            let clock = ContinuousClock()
            var loaded: [PackageVersionRecord] = []
            let elapsed = try await clock.measure { loaded = try await store.allAvailableVersions() }
            print("StoreTests timing [\(kind)]: allAvailableVersions \(rows) rows in \(elapsed)")
            #expect(loaded.count == rows)
            #expect(Set(loaded.map(\.lowerID)).count == rows / 4)
        }
    }

    /// Copies `template` into `rows` available versions (4 per id) with one set-based statement per table,
    /// through a second connection, so the test measures reading, not 100,000 round trips of inserting.
    static func insertSynthetic(
        rows: Int, like template: PackageVersionRecord, into store: SQLMetadataStore, at database: TestDatabase
    ) async throws {
        _ = try await store.claimVersion(template, owner: nil)
        try await store.publishClaim(template.key, catalogEntry: Fixture.entry(template))
        if database.kind == .postgres {
            try await PostgresTestServer.withAdminConnection(url: database.postgresURL) { db in
                try await insertSynthetic(rows: rows, like: template, in: db)
            }
            return
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: database.sqlitePath))
        do {
            let db = connection.sql()
            try await db.raw("BEGIN IMMEDIATE").run()
            try await db.raw("""
                INSERT INTO packages (lower_id, id, created)
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(bind: rows / 4 - 1))
                SELECT 'bench.' || i, 'Bench.' || i, 0 FROM n
                """).run()
            try await db.raw("""
                INSERT INTO package_versions (
                    lower_id, lower_version, id, version, normalized_version, verbatim_version, is_prerelease, is_semver2,
                    listed, state, created, published, last_edited, package_size, package_hash, downloads,
                    metadata_json, deprecation_json, catalog_leaf_path
                )
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(bind: rows - 1))
                SELECT 'bench.' || (i / 4), (i % 4) || '.0.0', 'Bench.' || (i / 4), (i % 4) || '.0.0', (i % 4) || '.0.0',
                    (i % 4) || '.0.0', is_prerelease, is_semver2, listed, state, created, published, last_edited,
                    package_size, package_hash, i, metadata_json, deprecation_json, catalog_leaf_path
                FROM n, (SELECT * FROM package_versions WHERE lower_id = \(bind: template.lowerID)) AS t
                """).run()
            try await db.raw("DELETE FROM package_versions WHERE lower_id = \(bind: template.lowerID)").run()
            try await db.raw("COMMIT").run()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The PostgreSQL form of the same copy: `generate_series` instead of a recursive CTE, in one transaction.
    private static func insertSynthetic(rows: Int, like template: PackageVersionRecord, in db: any SQLDatabase) async throws {
        try await db.raw("BEGIN").run()
        try await db.raw("""
            INSERT INTO packages (lower_id, id, created)
            SELECT 'bench.' || i, 'Bench.' || i, 0 FROM generate_series(0, \(bind: rows / 4 - 1)) AS i
            """).run()
        try await db.raw("""
            INSERT INTO package_versions (
                lower_id, lower_version, id, version, normalized_version, verbatim_version, is_prerelease, is_semver2,
                listed, state, created, published, last_edited, package_size, package_hash, downloads,
                metadata_json, deprecation_json, catalog_leaf_path
            )
            SELECT 'bench.' || (i / 4), (i % 4) || '.0.0', 'Bench.' || (i / 4), (i % 4) || '.0.0', (i % 4) || '.0.0',
                (i % 4) || '.0.0', is_prerelease, is_semver2, listed, state, created, published, last_edited,
                package_size, package_hash, i, metadata_json, deprecation_json, catalog_leaf_path
            FROM generate_series(0, \(bind: rows - 1)) AS i,
                (SELECT * FROM package_versions WHERE lower_id = \(bind: template.lowerID)) AS t
            """).run()
        try await db.raw("DELETE FROM package_versions WHERE lower_id = \(bind: template.lowerID)").run()
        try await db.raw("COMMIT").run()
    }
}
