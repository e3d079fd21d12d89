import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Ids marked after their last render, sorted.
    public func dirtyLowerIDs() async throws -> [String] {
        try await read { db in
            try await db.raw("""
                SELECT lower_id FROM dirty_packages WHERE generation > rendered_generation ORDER BY lower_id
                """).all().map { try $0.decode(column: "lower_id", as: String.self) }
        }
    }

    /// Bumps the generation of each id in one transaction.
    public func markDirty(_ lowerIDs: [String]) async throws {
        guard !lowerIDs.isEmpty else { return }
        try await write { db in try await Self.markDirty(lowerIDs, in: db) }
    }

    /// Records the id as rendered up to `generation`; a mark made after `generation` was read keeps it dirty.
    public func clearDirty(_ lowerID: String, generation: Int64) async throws {
        try await write { db in
            try await db.raw("""
                UPDATE dirty_packages SET rendered_generation = generation
                WHERE lower_id = \(bind: lowerID) AND generation = \(bind: generation)
                """).run()
        }
    }

    /// The number of marks so far while the id is dirty, 0 when clean. Generations only grow.
    public func dirtyGeneration(_ lowerID: String) async throws -> Int64 {
        try await read { db in
            let row = try await db.raw("""
                SELECT generation, rendered_generation FROM dirty_packages WHERE lower_id = \(bind: lowerID)
                """).first()
            guard let row else { return 0 }
            let generation = try row.decode(column: "generation", as: Int64.self)
            return generation > (try row.decode(column: "rendered_generation", as: Int64.self)) ? generation : 0
        }
    }

    /// The value of an installation setting, or nil.
    public func setting(_ name: String) async throws -> String? {
        try await read { db in
            try await db.raw("SELECT value FROM settings WHERE name = \(bind: name)").first()?
                .decode(column: "value", as: String.self)
        }
    }

    /// Sets or replaces an installation setting.
    public func setSetting(_ name: String, _ value: String) async throws {
        try await write { db in
            try await db.raw("""
                INSERT INTO settings (name, value) VALUES (\(bind: name), \(bind: value))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """).run()
        }
    }

    /// Bumps the generation of each id inside the caller's write transaction.
    static func markDirty(_ lowerIDs: [String], in db: any SQLDatabase) async throws {
        // Sorted, so concurrent multi-id marks lock rows in the same order (no deadlock on PostgreSQL).
        for lowerID in Set(lowerIDs).sorted() {
            try await db.raw("""
                INSERT INTO dirty_packages (lower_id, generation, rendered_generation) VALUES (\(bind: lowerID), 1, 0)
                ON CONFLICT (lower_id) DO UPDATE SET generation = dirty_packages.generation + 1
                """).run()
        }
    }
}
