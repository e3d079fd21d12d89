public import Gallery
import Foundation
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// Start-up's reads: what the in-memory views keep of every available version (`VersionSummary`, no metadata
/// JSON decoded), and whole records by key (the latest versions search displays, a V2 page).
///
/// At a million versions start-up's cost was CPU, not round trips: decoding every row's metadata JSON and
/// SQLKit's per-column decoding by name (a dictionary look-up, a dynamic cast and an allocation per cell).
/// Summaries read the texts from `feed_texts` (schema step 12; one small JSON per distinct text, shared by
/// consecutive versions of an id that have the same). On PostgreSQL a page comes back as one row per id
/// (`SummaryAggregate`); SQLite reads a row per version.
extension SQLMetadataStore {
    /// The summary columns of SQLite's per-row read, in the order it reads them. Few cells per row, since each costs: the
    /// normalized and verbatim versions only when they differ from the full one, the four flags as one number,
    /// the texts only when they differ from the previous version's of the id (both texts and metadata NULL mean
    /// "as the previous row"), the metadata JSON only for a row written before schema step 12.
    static let summaryColumns = """
        lower_id, id, \(summaryPlainColumns),
        CASE WHEN feed_texts = lag(feed_texts) OVER previous AND id = lag(id) OVER previous THEN NULL ELSE feed_texts END
            AS feed_texts,
        CASE WHEN feed_texts IS NULL THEN metadata_json END AS metadata_json
        """

    /// The summary columns from the version to the download count (both reads, per row and aggregated).
    static let summaryPlainColumns = """
        version, NULLIF(normalized_version, version) AS normalized_version,
        NULLIF(verbatim_version, version) AS verbatim_version,
        (CASE WHEN is_prerelease THEN 1 ELSE 0 END) + (CASE WHEN is_semver2 THEN 2 ELSE 0 END)
            + (CASE WHEN listed THEN 4 ELSE 0 END) + (CASE WHEN deprecation_json IS NULL THEN 0 ELSE 8 END) AS flags,
        created, published, last_edited, package_size, downloads
        """

    /// The window `summaryColumns` compares with: the previous available version of the same id, in result order.
    static let summaryWindow = "WINDOW previous AS (PARTITION BY lower_id ORDER BY lower_version)"

    /// Summaries of the available versions of the next `idLimit` ids after `lowerID`, by lower id then lower version.
    ///
    /// Two statements: the page's last id, then the versions in the id range up to it. One statement with the ids
    /// in an `IN (SELECT DISTINCT … LIMIT n)` was planned on PostgreSQL as a scan of the whole table per page
    /// (1.3 s a page at 1M versions, the planner misjudging how many rows the subquery keeps); a range of the
    /// primary key is an index scan (3 ms for 2,000 ids). On PostgreSQL the second statement answers one row per
    /// id (`SummaryAggregate`); SQLite, in this process, has no protocol cost per row and reads one per version.
    public func versionSummaries(afterLowerID lowerID: String?, idLimit: Int) async throws -> [VersionSummary] {
        let after = lowerID ?? ""
        let lastSQL = """
            SELECT max(lower_id) AS last FROM (
                SELECT DISTINCT lower_id FROM package_versions
                WHERE state = 'available' AND lower_id > $1 ORDER BY lower_id LIMIT $2) AS page
            """
        if let summaries = try await withPostgres({ postgres -> SummaryReader in try await postgres.readingKeyRangeInOrder {
            let last = Locked<String?>(nil)
            try await postgres.each(lastSQL, PostgresBindings([after, idLimit])) { row in
                var c = PostgresCells(row)
                let value = try c.next(String?.self)
                last.update { $0 = value }
            }
            guard let last = last.value else { return SummaryReader() }
            // One row per id (`SummaryAggregate`): a tenth of PostgresNIO's per-row work.
            let reader = Locked(SummaryReader())
            try await postgres.each(SummaryAggregate.sql, PostgresBindings([after, last])) { row in
                var c = PostgresCells(row)
                let lowerID = try c.next(String.self), versions = try c.next(ByteBuffer.self)
                try reader.update { try SummaryAggregate.read(versions, lowerID: lowerID, into: &$0) }
            }
            return reader.value
        } }) {
            var reader = summaries
            try await reader.resolve(using: versions)
            return reader.summaries
        }
        let rows = try await read { db -> [any SQLRow] in
            let page = try await db.raw("""
                SELECT max(lower_id) AS last FROM (
                    SELECT DISTINCT lower_id FROM package_versions
                    WHERE state = 'available' AND lower_id > \(bind: after) ORDER BY lower_id LIMIT \(bind: idLimit)) AS page
                """).first()
            guard let page, try !page.decodeNil(column: "last") else { return [] }
            let last = try page.decode(column: "last", as: String.self)
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.summaryColumns) FROM package_versions
                WHERE state = 'available' AND lower_id > \(bind: after) AND lower_id <= \(bind: last)
                \(unsafeRaw: Self.summaryWindow)
                ORDER BY lower_id, lower_version
                """).all()
        }
        var reader = SummaryReader()
        for row in rows {
            func optional<T: Decodable>(_ column: String, _ type: T.Type) throws -> T? {
                try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: T.self)
            }
            try reader.append(SummaryRow(
                lowerID: try row.decode(column: "lower_id", as: String.self), id: try row.decode(column: "id", as: String.self),
                version: try row.decode(column: "version", as: String.self),
                normalizedVersion: try optional("normalized_version", String.self),
                verbatimVersion: try optional("verbatim_version", String.self),
                flags: try row.decode(column: "flags", as: Int32.self), created: try row.decode(column: "created", as: Int64.self),
                published: try row.decode(column: "published", as: Int64.self), lastEdited: try optional("last_edited", Int64.self),
                packageSize: try row.decode(column: "package_size", as: Int64.self),
                downloads: try row.decode(column: "downloads", as: Int64.self),
                texts: try optional("feed_texts", String.self), metadata: try optional("metadata_json", String.self)))
        }
        try await reader.resolve(using: versions)
        return reader.summaries
    }

    /// The records of `keys` in any state, in no particular order; keys without a row are left out.
    public func versions(_ keys: [PackageVersionKey]) async throws -> [PackageVersionRecord] {
        var records: [PackageVersionRecord] = []
        records.reserveCapacity(keys.count)
        // 400 keys are 800 parameters, far below every driver's limit, and one statement per V2 page.
        for start in stride(from: 0, to: keys.count, by: 400) {
            let chunk = Array(keys[start..<min(start + 400, keys.count)])
            records += try await versionChunk(chunk)
        }
        return records
    }

    private func versionChunk(_ keys: [PackageVersionKey]) async throws -> [PackageVersionRecord] {
        let pairs = (0..<keys.count).map { "($\($0 * 2 + 1), $\($0 * 2 + 2))" }.joined(separator: ", ")
        let sql = """
            SELECT \(PackageVersionRow.columns) FROM package_versions
            WHERE (lower_id, lower_version) IN (VALUES \(pairs))
            """
        if let raw = try await withPostgres({ postgres -> [PackageVersionRow.Raw] in
            let rows = Locked<[PackageVersionRow.Raw]>([])
            var binds = PostgresBindings(capacity: keys.count * 2)
            for key in keys {
                binds.append(key.lowerID)
                binds.append(key.lowerVersion)
            }
            try await postgres.each(sql, binds) { row in
                var c = PostgresCells(row)
                let raw = PackageVersionRow.Raw(
                    id: try c.next(String.self), version: try c.next(String.self), normalizedVersion: try c.next(String.self),
                    verbatimVersion: try c.next(String.self), isPrerelease: try c.next(Bool.self), isSemVer2: try c.next(Bool.self),
                    listed: try c.next(Bool.self), state: try c.next(String.self), created: try c.next(Int64.self),
                    published: try c.next(Int64.self), lastEdited: try c.next(Int64?.self), packageSize: try c.next(Int64.self),
                    packageHash: try c.next(String.self), downloads: try c.next(Int64.self), metadata: try c.next(String.self),
                    deprecation: try c.next(String?.self), catalogLeafPath: try c.next(String?.self))
                rows.update { $0.append(raw) }
            }
            return rows.value
        }) {
            return try await PackageVersionRow.decodeConcurrently(raw)
        }
        var query = SQLQueryString("SELECT \(PackageVersionRow.columns) FROM package_versions WHERE (lower_id, lower_version) IN (VALUES ")
        for (n, key) in keys.enumerated() {
            query += n == 0 ? "(" : ", ("
            query += "\(bind: key.lowerID), \(bind: key.lowerVersion))"
        }
        query += ")"
        let rows = try await read { [query] db in try await db.raw(query).all() }
        return try await PackageVersionRow.decodeConcurrently(rows)
    }
}

/// One summary row as read, before its texts are resolved.
struct SummaryRow {
    var lowerID, id, version: String
    /// nil when equal to `version`.
    var normalizedVersion, verbatimVersion: String?
    /// 1 prerelease, 2 SemVer 2.0.0, 4 listed, 8 deprecated.
    var flags: Int32
    var created, published: Int64
    var lastEdited: Int64?
    var packageSize, downloads: Int64
    /// `feed_texts`; nil with `metadata` nil: the same as the previous row's (same id); nil with `metadata` set: a row
    /// written before schema step 12.
    var texts, metadata: String?
}

/// Turns summary rows (by lower id, then lower version) into summaries; texts equal to the previous version's of
/// the same id reuse its `VersionTexts`, so each distinct text is decoded and held once.
struct SummaryReader: Sendable {
    private(set) var summaries: [VersionSummary] = []
    /// The last row read: its id, its `feed_texts` (nil when they came from elsewhere) and its texts.
    private var previous: (lowerID: String, id: String, json: String?, texts: VersionTexts)?
    private var unresolved: [(index: Int, key: PackageVersionKey)] = []
    private let decoder = JSONDecoder()

    mutating func append(_ row: SummaryRow) throws {
        // The previous row's texts, when it was a version of the same id with the same casing.
        let neighbour = previous.flatMap { $0.lowerID == row.lowerID && $0.id == row.id ? $0 : nil }
        let texts: VersionTexts
        var json: String?
        if row.texts == nil, row.metadata == nil, let neighbour, neighbour.json != nil {
            // The store sent nothing: the same texts as the previous row.
            (texts, json) = (neighbour.texts, neighbour.json)
        } else if let text = row.texts, text == neighbour?.json, let neighbour {
            (texts, json) = (neighbour.texts, text)
        } else if let text = row.texts, let stored = try? decoder.decode(StoredVersionTexts.self, from: Data(text.utf8)) {
            (texts, json) = (stored.texts(id: row.id).sharing(neighbour?.texts), text)
        } else if let metadata = row.metadata {
            // Written before schema step 12: the metadata as every other read decodes it.
            let decoded = try decoder.decode(PackageMetadata.self, from: Data(metadata.utf8))
            texts = StoredVersionTexts(decoded).texts(id: row.id).sharing(neighbour?.texts)
        } else {
            // feed_texts that do not decode (not written by Pallet), or a repeat of such a row: resolved from the
            // whole record afterwards.
            unresolved.append((summaries.count, PackageVersionKey(
                lowerID: row.lowerID, lowerVersion: (row.normalizedVersion ?? row.version).lowercased())))
            texts = VersionTexts(id: row.id, title: nil, tags: [], summary: nil, description: "", authors: "")
        }
        previous = (row.lowerID, row.id, json, texts)
        summaries.append(VersionSummary(
            version: row.version, normalizedVersion: row.normalizedVersion ?? row.version,
            verbatimVersion: row.verbatimVersion ?? row.version, isPrerelease: row.flags & 1 != 0,
            isSemVer2: row.flags & 2 != 0, listed: row.flags & 4 != 0, isDeprecated: row.flags & 8 != 0,
            created: StoreDate.date(row.created), published: StoreDate.date(row.published),
            lastEdited: row.lastEdited.map(StoreDate.date), packageSize: row.packageSize, downloads: row.downloads, texts: texts))
    }

    /// Takes the texts of versions whose `feed_texts` did not decode from their records.
    mutating func resolve(using versions: ([PackageVersionKey]) async throws -> [PackageVersionRecord]) async throws {
        guard !unresolved.isEmpty else { return }
        let records = Dictionary(try await versions(unresolved.map(\.key)).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, key) in unresolved {
            guard let record = records[key] else { continue }
            summaries[index].texts = VersionTexts(record)
        }
        unresolved = []
    }
}

/// A PostgreSQL row's cells read in order, each decoded as the type its column is read as (specialized per type,
/// where PostgresNIO's tuple decoding of this many columns went through generic metadata for every cell).
struct PostgresCells {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    mutating func next<T: PostgresDecodable>(_: T.Type) throws -> T {
        guard let cell = cells.next() else { throw PostgresCellsError.missingColumn }
        return try cell.decode(T.self)
    }
}

enum PostgresCellsError: Error {
    case missingColumn
}

/// One leased PostgreSQL connection's statements through PostgresNIO's own API: each row is handed to a closure
/// on the connection's event loop, in order, as a `PostgresRow` (decoded by position, `PostgresCells`).
///
/// As PostgresKit's own statements: through the guarded connection's `withConnection` (which refuses a closed
/// connection on its event loop, so the statement is never written to a dead channel) and PostgresNIO's
/// `query(_:logger:_:)`, whose failures are `PSQLError`s the store's classifier maps (503, not 500).
struct PostgresRows: Sendable {
    let database: any PostgresDatabase

    func each(_ sql: String, _ binds: PostgresBindings, _ onRow: @escaping @Sendable (PostgresRow) throws -> Void) async throws {
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        _ = try await database.withConnection { $0.query(query, logger: $0.logger, onRow) }.get()
    }
}

extension PostgresRows {
    /// Runs `body`'s statements in one read-only transaction whose planner reads a range of the primary key with an
    /// index scan, in key order, in this process alone.
    ///
    /// Left to itself, PostgreSQL planned a start-up page (2,000 ids, 20,000 rows, ordered for the window that
    /// compares each version with the previous one) as a bitmap heap scan, a sort that spilled to disk and two
    /// parallel workers: 50-150 ms of database CPU per page at 1M versions, 4.5 s of a 1M start. The index
    /// already holds the rows in `lower_id, lower_version` order, and read in that order the page took 19-27 ms
    /// (bench/scale/RESULTS.md). `SET LOCAL` ends with the transaction, so the pooled connection keeps its settings.
    func readingKeyRangeInOrder<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await each("BEGIN READ ONLY", PostgresBindings()) { _ in }
        do {
            try await each("""
                SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true),
                    set_config('max_parallel_workers_per_gather', '0', true)
                """, PostgresBindings()) { _ in }
            let result = try await body()
            try await each("COMMIT", PostgresBindings()) { _ in }
            return result
        } catch {
            try? await each("ROLLBACK", PostgresBindings()) { _ in }
            throw error
        }
    }
}

extension PostgresBindings {
    /// Bindings of strings and integers, in order.
    init(_ values: [any PostgresNonThrowingEncodable & Sendable]) {
        self.init(capacity: values.count)
        for value in values { append(value) }
    }
}

/// A value the row closures of one statement build (called one after another on one event loop; the lock is
/// never contended, it makes the hand-over to the awaiting task safe).
final class Locked<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) {
        state = Mutex(value)
    }

    var value: Value { state.withLock { $0 } }

    func update<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        try state.withLock { try body(&$0) }
    }
}
