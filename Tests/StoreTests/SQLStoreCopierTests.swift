import Foundation
import Gallery
@testable import SQLStore
import SQLKit
import Testing

/// The copier's explicit column spec must follow the schema, and a copy must carry every value exactly.
@Suite("SQLStoreCopier")
struct SQLStoreCopierTests {
    @Test("the copy spec names every column of every table but schema_migrations")
    func specMatchesSchema() async throws {
        try await withSQLStore(.sqlite) { store, _ in
            let schema = try await store.read { db in
                var columns: [String: Set<String>] = [:]
                let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                for table in tables where table != "schema_migrations" {
                    columns[table] = Set(try await db.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                        .map { try $0.decode(column: "name", as: String.self) })
                }
                return columns
            }
            let spec = Dictionary(uniqueKeysWithValues: SQLCopyTable.all.map { ($0.name, Set($0.columns.map(\.name))) })
            #expect(spec == schema)
            for table in SQLCopyTable.all {
                #expect(Set(table.primaryKey + table.comparedColumns).isSubset(of: spec[table.name] ?? []), "\(table.name)")
            }
        }
    }

    @Test("a copy carries booleans, NULLs, bytes and keys exactly, is idempotent, and verify finds a changed row", arguments: StoreKind.sqlAvailable)
    func copyAndVerify(kind: StoreKind) async throws {
        try await withSQLStore(.sqlite) { source, _ in
            let alice = try await source.createUser(Fixture.user("Alice"))
            let record = Fixture.record()
            _ = try await source.claimVersion(record, owner: alice.key)
            try await source.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            try await source.addDownloads([record.key: 7])
            try await withSQLStore(kind) { target, _ in
                let copier = SQLStoreCopier(from: source, to: target, batchSize: 1)
                try await copier.copy()
                try await copier.copy()
                let verification = try await copier.verify()
                #expect(verification.isComplete, "\(verification.mismatches)")
                #expect(try await target.version(record.key) == source.version(record.key))
                #expect(try await target.catalogEntries(page: 0) == source.catalogEntries(page: 0))
                #expect(try await target.owners(ofLowerID: record.key.lowerID) == [alice.key])
                let bob = try await target.createUser(Fixture.user("Bob"))
                #expect(bob.key > alice.key, "the identity sequence continues after the copied keys")

                try await source.addDownloads([record.key: 1])
                let drift = try await copier.verify()
                #expect(drift.mismatches.contains { $0.hasPrefix("package_versions (contoso.utils, 1.0.0): downloads differ") }, "\(drift.mismatches)")
                #expect(drift.mismatches.contains { $0.hasPrefix("users: 1 rows in the source, 2 in the target") }, "\(drift.mismatches)")
            }
        }
    }
}
