import Foundation
import Gallery
import SQLKit
import SQLStore
import SQLiteKit
import Testing

/// Pending rows written by a Pallet from before claim leases (no token, no expiry), as a rolling upgrade
/// leaves them: they last `ClaimLease.legacyLength` from their creation, then are taken over or swept.
@Suite("SQL metadata store: claims without a lease")
struct SQLLegacyClaimTests {
    /// Clears the lease columns of every pending row through a second connection (what an older Pallet writes).
    static func dropLeases(at database: TestDatabase) async throws {
        let statement: SQLQueryString = "UPDATE package_versions SET claim_token = NULL, claim_expires = NULL WHERE state = 'pending'"
        if database.kind == .postgres {
            try await PostgresTestServer.withAdminConnection(url: database.postgresURL) { try await $0.raw(statement).run() }
            return
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: database.sqlitePath))
        do {
            try await connection.sql().raw(statement).run()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    @Test("a claim without a lease lapses the legacy length after its creation", arguments: StoreKind.sqlAvailable)
    func legacyLapse(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await Self.dropLeases(at: database)
            let lapse = Fixture.now.addingTimeInterval(ClaimLease.legacyLength)
            #expect(try await store.pendingClaims(expiredBefore: lapse).isEmpty)
            #expect(try await store.pendingClaims(expiredBefore: lapse.addingTimeInterval(1)).map(\.lease) == [nil])
            let retry = ClaimLease(token: "retry", expires: lapse.addingTimeInterval(60))
            #expect(try await store.claimVersion(record, owner: nil, lease: retry, now: lapse.addingTimeInterval(-1)) == .alreadyExists)
            #expect(try await store.claimVersion(record, owner: nil, lease: retry, now: lapse) == .tookOver)
        }
    }
}
