import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// Every action × every kind of principal, decided by the domain on one shared, read-only world in the
/// in-memory stores: hundreds of cases without a server or a database.
@Suite("Authorization table")
struct AuthorizationTableTests {
    /// The world, built once for all cells.
    static let world = WorldOnce()

    @Test("action × principal", arguments: MatrixCredential.allCases, MatrixAction.allCases)
    func cell(_ row: MatrixCredential, _ column: MatrixAction) async throws {
        let world = try await Self.world.get()
        let refusal = try await world.decide(row, column)
        if AuthorizationTable.allowed(row).contains(column) {
            #expect(refusal == nil, "expected allowed, got: \(refusal?.message ?? "")")
        } else {
            let refusal = try #require(refusal, "expected a refusal")
            #expect(refusal.kind == (AuthorizationTable.authenticates(row) ? .forbidden : .unauthorized), "\(refusal.message)")
            if let exact = AuthorizationTable.exactRefusals["\(row.rawValue)/\(column.rawValue)"] {
                #expect(refusal == exact)
            }
        }
    }

    @Test("every exact refusal names a refused cell")
    func exactRefusalsAreRefusals() {
        for cell in AuthorizationTable.exactRefusals.keys {
            let parts = cell.split(separator: "/").map(String.init)
            let row = MatrixCredential(rawValue: parts[0])
            let column = MatrixAction(rawValue: parts[1])
            #expect(row != nil && column != nil, "\(cell) names no cell")
            if let row, let column { #expect(!AuthorizationTable.allowed(row).contains(column), "\(cell) is allowed") }
        }
    }
}

/// Builds the world once, on first use, however many cells ask at once.
actor WorldOnce {
    private var task: Task<AuthorizationWorld, any Error>?

    func get() async throws -> AuthorizationWorld {
        if let task { return try await task.value }
        let task = Task {
            let store = InMemoryMetadataStore(clock: AuthorizationWorld.FixedClock())
            try await store.migrate()
            return try await AuthorizationWorld.build(on: store)
        }
        self.task = task
        return try await task.value
    }
}
