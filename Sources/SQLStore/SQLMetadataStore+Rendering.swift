public import Gallery
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
        let dialect = self.dialect
        try await write { db in try await Self.markDirty(lowerIDs, in: db, dialect: dialect) }
    }

    /// Records the id as rendered up to `generation`; a mark made after `generation` was read keeps it dirty.
    /// Touches the mark so other nodes reload the id's documents, and frees its render lease.
    public func clearDirty(_ lowerID: String, generation: Int64) async throws {
        let now = dialect.currentMicroseconds
        try await write { db in
            try await db.raw("""
                UPDATE dirty_packages
                SET rendered_generation = generation, touched = \(unsafeRaw: now), render_lease = 0
                WHERE lower_id = \(bind: lowerID) AND generation = \(bind: generation)
                """).run()
        }
    }

    /// The id's mark count whether dirty or clean (0 when never marked).
    public func renderGeneration(_ lowerID: String) async throws -> Int64 {
        try await read { db in
            try await db.raw("SELECT generation FROM dirty_packages WHERE lower_id = \(bind: lowerID)").first()?
                .decode(column: "generation", as: Int64.self) ?? 0
        }
    }

    /// Marks touched after `after` (database clock, µs), with the database's current time.
    public func renderMarks(touchedAfter after: Int64) async throws -> RenderMarks {
        let now = dialect.currentMicroseconds
        return try await read { db in
            let clock = try await db.raw("SELECT \(unsafeRaw: now) AS now").first()?.decode(column: "now", as: Int64.self) ?? 0
            let marks = try await db.raw("""
                SELECT lower_id, generation, rendered_generation, touched FROM dirty_packages
                WHERE touched > \(bind: after) ORDER BY touched
                """).all().map { row in
                RenderMark(
                    lowerID: try row.decode(column: "lower_id", as: String.self),
                    generation: try row.decode(column: "generation", as: Int64.self),
                    renderedGeneration: try row.decode(column: "rendered_generation", as: Int64.self),
                    touched: try row.decode(column: "touched", as: Int64.self)
                )
            }
            return RenderMarks(marks: marks, now: clock)
        }
    }

    /// Takes the render lease of a dirty id for `seconds` unless another process holds an unexpired one.
    public func claimRender(_ lowerID: String, leaseSeconds: Int) async throws -> Bool {
        let now = dialect.currentMicroseconds
        let lease = Int64(leaseSeconds) * 1_000_000
        return try await write { db in
            try await db.raw("""
                UPDATE dirty_packages SET render_lease = \(unsafeRaw: now) + \(bind: lease)
                WHERE lower_id = \(bind: lowerID) AND generation > rendered_generation AND render_lease < \(unsafeRaw: now)
                RETURNING lower_id
                """).first() != nil
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

    /// Bumps the generation of each id inside the caller's write transaction, stamping it with the database's clock.
    static func markDirty(_ lowerIDs: [String], in db: any SQLDatabase, dialect: SQLDialectFeatures) async throws {
        let now = dialect.currentMicroseconds
        // Sorted, so concurrent multi-id marks lock rows in the same order (no deadlock on PostgreSQL).
        for lowerID in Set(lowerIDs).sorted() {
            try await db.raw("""
                INSERT INTO dirty_packages (lower_id, generation, rendered_generation, touched)
                VALUES (\(bind: lowerID), 1, 0, \(unsafeRaw: now))
                ON CONFLICT (lower_id) DO UPDATE SET generation = dirty_packages.generation + 1, touched = excluded.touched
                """).run()
        }
    }
}
