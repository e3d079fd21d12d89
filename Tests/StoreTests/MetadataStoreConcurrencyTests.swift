import Foundation
import Gallery
import SQLStore
import Testing

/// Races between pushes, a second process on the same database, and migrations.
@Suite("MetadataStore contract: concurrency and migrations")
struct MetadataStoreConcurrencyTests {
    @Test("20 concurrent claims of one id and version give exactly one .claimed", arguments: StoreKind.sqlAvailable)
    func concurrentClaims(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in try await withSecondInstance(of: database) { second in
            let outcomes = try await withThrowingTaskGroup(of: ClaimOutcome.self) { group in
                for index in 0..<20 {
                    // Alternate instances so the race crosses connections as well as tasks.
                    let target = index.isMultiple(of: 2) ? store : second
                    let casing = index.isMultiple(of: 3) ? "CONTOSO.UTILS" : "Contoso.Utils"
                    group.addTask { try await target.claimVersion(Fixture.record(casing, "1.0.0"), owner: nil) }
                }
                return try await group.reduce(into: [ClaimOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .claimed }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 19)
        } }
    }

    @Test("concurrent publishes of different versions keep the catalog dense", arguments: StoreKind.sqlAvailable)
    func concurrentPublishes(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in try await withSecondInstance(of: database) { second in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    let target = index.isMultiple(of: 2) ? store : second
                    group.addTask {
                        let record = Fixture.record("Race", "1.0.\(index)")
                        _ = try await target.claimVersion(record, owner: nil)
                        try await target.publishClaim(record.key, catalogEntry: Fixture.entry(record))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.catalogEntries(page: 0).map(\.sequence) == Array(0..<20))
            #expect(try await second.versions(ofLowerID: "race").count == 20)
        } }
    }

    @Test("a second store instance on the same database sees the first one's writes", arguments: StoreKind.sqlAvailable)
    func secondInstance(kind: StoreKind) async throws {
        // The admin CLI opens its own connection while the server runs.
        try await withSQLStore(kind) { server, database in try await withSecondInstance(of: database) { admin in
            try await admin.migrate()
            let user = try await admin.createUser(Fixture.user("Admin"))
            #expect(try await server.user(named: "admin") == user)

            let record = Fixture.record()
            _ = try await server.claimVersion(record, owner: user.key)
            try await server.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            #expect(try await admin.versions(ofLowerID: record.lowerID).count == 1)
            #expect(try await admin.owners(ofLowerID: record.lowerID) == [user.key])
        } }
    }

    @Test("migrating again, from either instance, is a no-op that keeps the data", arguments: StoreKind.sqlAvailable)
    func migrateTwice(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in
            try await store.setSetting("kept", "yes")
            try await store.migrate()
            try await withSecondInstance(of: database) { try await $0.migrate() }
            #expect(try await store.setting("kept") == "yes")
        }
    }

    @Test("two instances migrating a new database at once both succeed", arguments: StoreKind.sqlAvailable)
    func concurrentMigrations(kind: StoreKind) async throws {
        try await withDatabase(kind) { database in
            let first = try await database.open()
            let second = try await database.open()
            async let a: Void = first.migrate()
            async let b: Void = second.migrate()
            _ = try await (a, b)
            try await first.setSetting("x", "1")
            #expect(try await second.setting("x") == "1")
            try await first.shutdown()
            try await second.shutdown()
        }
    }

    @Test("a closed store reports .unavailable", arguments: StoreKind.available)
    func closedStore(kind: StoreKind) async throws {
        try await withDatabase(kind) { database in
            let store = try await database.openStore()
            try await store.migrate()
            try await store.shutdown()
            await #expect {
                _ = try await store.setting("x")
            } throws: { error in
                if case StoreError.unavailable = error { true } else { false }
            }
        }
    }
}
