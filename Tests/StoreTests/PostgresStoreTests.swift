import Foundation
import Gallery
import PostgresKit
import SQLKit
@testable import SQLStore
import Testing

/// What only PostgreSQL has: several server processes (store instances) racing on one database,
/// a pool whose connections can be dropped under it, and a login that can fail.
@Suite("PostgreSQL store", .enabled(if: PostgresTestServer.adminURL != nil, "PALLET_TEST_POSTGRES_URL is not set"))
struct PostgresStoreTests {
    /// Runs `body` with `count` migrated instances of the store on one fresh database.
    func withInstances(_ count: Int, _ body: ([SQLMetadataStore], TestDatabase) async throws -> Void) async throws {
        try await withDatabase(.postgres) { database in
            var stores: [SQLMetadataStore] = []
            do {
                for _ in 0..<count { stores.append(try await database.open()) }
                try await stores[0].migrate()
                try await body(stores, database)
            } catch {
                for store in stores { try? await store.shutdown() }
                throw error
            }
            for store in stores { try await store.shutdown() }
        }
    }

    @Test("20 concurrent claims of one id and version from 3 instances give exactly one .claimed")
    func claimsFromThreeInstances() async throws {
        try await withInstances(3) { stores, _ in
            let outcomes = try await withThrowingTaskGroup(of: ClaimOutcome.self) { group in
                for index in 0..<20 {
                    let store = stores[index % 3]
                    let casing = index.isMultiple(of: 2) ? "Contoso.Utils" : "CONTOSO.utils"
                    group.addTask { try await store.claimVersion(Fixture.record(casing, "1.0.0"), owner: nil) }
                }
                return try await group.reduce(into: [ClaimOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .claimed }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 19)
        }
    }

    @Test("catalog appends from 3 instances stay dense and strictly increasing in sequence and commit time")
    func catalogFromThreeInstances() async throws {
        try await withInstances(3) { stores, _ in
            let perInstance = 15
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (instance, store) in stores.enumerated() {
                    group.addTask {
                        for index in 0..<perInstance {
                            let record = Fixture.record("Race\(instance)", "1.0.\(index)")
                            _ = try await store.claimVersion(record, owner: nil)
                            // Each "process" stamps with its own clock before its transaction, as Gallery does.
                            let stamp = Date().truncatedToMicroseconds
                            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record, at: stamp))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await stores[1].catalogEntries(page: 0)
            #expect(entries.map(\.sequence) == Array(0..<Int64(3 * perInstance)))
            let stamps = entries.map(\.commitTimeStamp)
            #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 < $1 })
            #expect(try await stores[2].latestCatalogTimeStamp() == stamps.last)
        }
    }

    @Test("migrate() from 3 instances at once applies each step once")
    func concurrentMigrations() async throws {
        try await withDatabase(.postgres) { database in
            var stores: [SQLMetadataStore] = []
            for _ in 0..<3 { stores.append(try await database.open()) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            let versions = try await PostgresTestServer.withAdminConnection(url: database.postgresURL) { db in
                try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all()
                    .map { try $0.decode(column: "version", as: Int64.self) }
            }
            #expect(versions == SQLSchema.migrations.map(\.version), "each schema step once")
            for store in stores { try await store.shutdown() }
        }
    }

    @Test("a transaction's statements stay on one connection while another transaction runs")
    func transactionsPinOneConnection() async throws {
        try await withInstances(1) { stores, _ in
            let store = stores[0]
            // Each transaction reads its backend and transaction id, writes a setting, waits inside its transaction
            // until the other one is inside its own too (so they provably overlap, whatever the machine's load),
            // and reads the ids again: had statements been spread over pooled connections, they would differ.
            let rendezvous = Rendezvous(parties: 2)
            let results = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for name in ["a", "b"] {
                    group.addTask {
                        try await store.write { db in
                            let before = try await Self.backendAndTransaction(db)
                            try await db.raw("INSERT INTO settings (name, value) VALUES (\(bind: name), 'x')").run()
                            let met = await rendezvous.arrive(timeout: .seconds(60))
                            #expect(met, "the other transaction never ran while this one was open")
                            let after = try await Self.backendAndTransaction(db)
                            #expect(before == after)
                            return before
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 2)
            #expect(results[0][0] != results[1][0])  // two connections at the same time
            #expect(try await store.setting("a") == "x")
            #expect(try await store.setting("b") == "x")
        }
    }

    static func backendAndTransaction(_ db: any SQLDatabase) async throws -> [Int64] {
        let row = try await db.raw("SELECT pg_backend_pid()::bigint AS pid, txid_current() AS txid").first()
        return [try row?.decode(column: "pid", as: Int64.self) ?? -1, try row?.decode(column: "txid", as: Int64.self) ?? -1]
    }

    @Test("the store recovers after its server connections are killed (as in a PostgreSQL restart)")
    func survivesTerminatedBackends() async throws {
        try await withInstances(1) { stores, database in
            let store = stores[0]
            try await store.setSetting("before", "1")
            // Several pooled connections, so more than one dead connection must be replaced.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 { group.addTask { _ = try await store.setting("warm-\(index)") } }
                try await group.waitForAll()
            }
            let killed = try await PostgresTestServer.withAdminConnection { db in
                try await db.raw("""
                    SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
                    WHERE datname = \(bind: String(URLComponents(string: database.postgresURL)!.path.dropFirst()))
                        AND pid <> pg_backend_pid()
                    """).all().count
            }
            #expect(killed >= 1)
            // Each killed pooled connection may fail the one request that finds it dead before the pool has seen it
            // close (how many do depends on when the close reaches the pool: under load, more of them). What must
            // hold is that the store recovers without a restart: within one attempt per killed connection, plus one.
            var unavailable = 0
            var value: String?
            for _ in 0...killed {
                do {
                    value = try await store.setting("before")
                    try await store.setSetting("after", "2")
                    break
                } catch StoreError.unavailable {
                    unavailable += 1
                }
            }
            print("PostgresStoreTests: \(unavailable) request(s) met a killed connection of \(killed)")
            #expect(unavailable <= killed)
            #expect(value == "1")
            #expect(try await store.setting("after") == "2")
        }
    }
}

/// Lets `parties` tasks wait for each other; `arrive` answers false if the others do not come in time.
private actor Rendezvous {
    private let parties: Int
    private var arrived = 0
    private var waiters: [CheckedContinuation<Bool, Never>] = []

    init(parties: Int) {
        self.parties = parties
    }

    func arrive(timeout: Duration) async -> Bool {
        arrived += 1
        if arrived >= parties {
            for waiter in waiters { waiter.resume(returning: true) }
            waiters = []
            return true
        }
        return await withCheckedContinuation { continuation in
            waiters.append(continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire()
            }
        }
    }

    private func expire() {
        for waiter in waiters { waiter.resume(returning: false) }
        waiters = []
    }
}
