public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Sequences are dense from 0, so the count is the next sequence.
    public func catalogCount() async throws -> Int64 {
        try await read { db in try await Self.nextCatalogSequence(in: db) }
    }

    /// The entries with sequences `page * 550 ..< (page + 1) * 550`, ascending.
    public func catalogEntries(page: Int64) async throws -> [CatalogEntry] {
        let first = page * CatalogEntry.pageSize
        let end = first + CatalogEntry.pageSize
        return try await read { db in
            try await db.raw("""
                SELECT sequence, kind, commit_id, commit_ts, id, version, leaf_path, leaf_json FROM catalog
                WHERE sequence >= \(bind: first) AND sequence < \(bind: end) ORDER BY sequence
                """).all().map(Self.decodeCatalogEntry)
        }
    }

    /// The newest commit time stamp, or nil for an empty catalog.
    public func latestCatalogTimeStamp() async throws -> Date? {
        try await read { db in
            let row = try await db.raw("SELECT MAX(commit_ts) AS latest FROM catalog").first()
            guard let row, try !row.decodeNil(column: "latest") else { return nil }
            return StoreDate.date(try row.decode(column: "latest", as: Int64.self))
        }
    }

    /// Appends `entry` at the next sequence, inside the caller's write transaction; returns the sequence.
    ///
    /// The stored commit time is the entry's, or one microsecond after the newest one when that is not
    /// earlier: stamps are taken before the transaction (by each process's `CommitClock`), so two writers
    /// can commit in the opposite order, and a mirror's cursor on `commitTimeStamp` would then skip the
    /// older-stamped entry for ever. The leaf document keeps the caller's stamp.
    @discardableResult
    static func appendCatalogEntry(_ entry: CatalogEntry, in db: any SQLDatabase, dialect: SQLDialectFeatures) async throws -> Int64 {
        if let lock = dialect.catalogAppendLock {
            try await db.raw(SQLQueryString(lock)).run()
        }
        let tail = try await db.raw("""
            SELECT COALESCE(MAX(sequence) + 1, 0) AS next, MAX(commit_ts) AS latest FROM catalog
            """).first()
        let sequence = try tail?.decode(column: "next", as: Int64.self) ?? 0
        var stamp = StoreDate.microseconds(entry.commitTimeStamp)
        if let tail, try !tail.decodeNil(column: "latest") {
            stamp = max(stamp, try tail.decode(column: "latest", as: Int64.self) + 1)
        }
        try await db.raw("""
            INSERT INTO catalog (sequence, kind, commit_id, commit_ts, id, version, leaf_path, leaf_json)
            VALUES (\(bind: sequence), \(bind: entry.kind.rawValue), \(bind: entry.commitID),
                \(bind: stamp), \(bind: entry.id), \(bind: entry.version),
                \(bind: entry.leafPath), \(bind: entry.leafJSON))
            """).run()
        return sequence
    }

    private static func nextCatalogSequence(in db: any SQLDatabase) async throws -> Int64 {
        let row = try await db.raw("SELECT COALESCE(MAX(sequence) + 1, 0) AS next FROM catalog").first()
        return try row?.decode(column: "next", as: Int64.self) ?? 0
    }

    private static func decodeCatalogEntry(_ row: any SQLRow) throws -> CatalogEntry {
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let kind = CatalogEntry.Kind(rawValue: kindText) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Unknown catalog kind \(kindText)."))
        }
        return CatalogEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            kind: kind,
            commitID: try row.decode(column: "commit_id", as: String.self),
            commitTimeStamp: StoreDate.date(try row.decode(column: "commit_ts", as: Int64.self)),
            id: try row.decode(column: "id", as: String.self),
            version: try row.decode(column: "version", as: String.self),
            leafPath: try row.decode(column: "leaf_path", as: String.self),
            leafJSON: try row.decode(column: "leaf_json", as: Data.self)
        )
    }
}
