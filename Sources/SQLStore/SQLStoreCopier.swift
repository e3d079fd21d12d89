import SQLKit

/// Copies every row of one migrated metadata store into another (SQLite to PostgreSQL, or a file to a file),
/// table by table in `SQLCopyTable.all` order, then checks the copy with `verify()`.
///
/// Memory stays bounded: rows are read in pages ordered by primary key (keyset paging, so page N costs
/// the same as page 1 on a million versions) and each page is inserted in one transaction with
/// `ON CONFLICT DO NOTHING`. Re-running after an interruption therefore completes the copy: committed
/// pages are skipped row by row, the rest is inserted. Rows changed in the source between two runs are
/// not updated, so the source must not be written to while copying (`verify()` reports any drift).
public struct SQLStoreCopier: Sendable {
    /// What the copy reports as it goes. The handler may throw to stop the copy (tests use it to simulate
    /// an interruption); committed pages stay.
    public enum Progress: Sendable, Equatable {
        /// A page of `table` was committed; `rows` were read from the table so far.
        case batch(table: String, rows: Int64)
        /// All `rows` of `table` were copied.
        case table(String, rows: Int64)
    }

    public let source: SQLMetadataStore
    public let target: SQLMetadataStore
    /// Rows per page and per transaction (lowered per table so one insert stays under every driver's bind limit).
    public let batchSize: Int

    /// Copies from `source` to `target`; both must be migrated to the same schema (`migrate()`).
    public init(from source: SQLMetadataStore, to target: SQLMetadataStore, batchSize: Int = 500) {
        self.source = source
        self.target = target
        self.batchSize = max(1, batchSize)
    }

    /// Copies `tables` (all of them by default), then advances the target's identity sequences.
    public func copy(
        tables: [SQLCopyTable] = SQLCopyTable.all,
        progress: @escaping @Sendable (Progress) async throws -> Void = { _ in }
    ) async throws {
        for table in tables {
            try await checkColumns(of: table)
            let rows = try await copyRows(of: table, progress: progress)
            try await progress(.table(table.name, rows: rows))
        }
        try await resetIdentities(of: tables)
    }

    /// Copies one table page by page; returns the number of source rows.
    private func copyRows(of table: SQLCopyTable, progress: @Sendable (Progress) async throws -> Void) async throws -> Int64 {
        // SQLite allows 32,766 parameters per statement and PostgreSQL 65,535.
        let pageSize = max(1, min(batchSize, 30_000 / table.columns.count))
        let keyIndexes = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        var after: [SQLCopyValue]?
        var total: Int64 = 0
        while true {
            let page = try await source.read { [after] db in
                try await db.raw(Self.pageQuery(table, columns: table.columns, after: after, limit: pageSize)).all()
                    .map { row in try table.columns.map { try $0.decode(row) } }
            }
            guard let last = page.last else { break }
            try await target.write { db in try await db.raw(Self.insertQuery(table, rows: page)).run() }
            total += Int64(page.count)
            try await progress(.batch(table: table.name, rows: total))
            if page.count < pageSize { break }
            after = keyIndexes.map { last[$0] }
        }
        return total
    }

    /// Refuses to copy a table whose source rows have a column the spec does not name (a newer schema step).
    private func checkColumns(of table: SQLCopyTable) async throws {
        let present = try await source.read { db in
            try await db.raw("SELECT * FROM \(ident: table.name) LIMIT 1").first()?.allColumns ?? []
        }
        let unknown = Set(present).subtracting(table.columns.map(\.name))
        guard unknown.isEmpty else {
            throw SQLStoreCopyError.unknownColumns(table: table.name, columns: unknown.sorted())
        }
    }

    /// Lets the target hand out keys above the copied ones (PostgreSQL identity sequences do not move on explicit inserts).
    private func resetIdentities(of tables: [SQLCopyTable]) async throws {
        guard let reset = target.dialect.resetIdentitySQL else { return }
        let statements = tables.compactMap { table in table.identityColumn.map { reset(table.name, $0) } }
        guard !statements.isEmpty else { return }
        try await target.write { db in
            for statement in statements {
                try await db.raw(SQLQueryString(statement)).run()
            }
        }
    }

    /// `SELECT columns FROM table [WHERE (key) > (after)] ORDER BY key LIMIT n`.
    static func pageQuery(_ table: SQLCopyTable, columns: [SQLCopyColumn], after: [SQLCopyValue]?, limit: Int) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(idents: columns.map(\.name), joinedBy: ", ") FROM \(ident: table.name)"
        if let after {
            query += " WHERE (\(idents: table.primaryKey, joinedBy: ", ")) > (\(binds: after.map(\.bindable)))"
        }
        query += " ORDER BY \(idents: table.primaryKey, joinedBy: ", ") LIMIT \(literal: limit)"
        return query
    }

    /// One multi-row insert that skips rows already present (any unique or primary key conflict).
    static func insertQuery(_ table: SQLCopyTable, rows: [[SQLCopyValue]]) -> SQLQueryString {
        var query: SQLQueryString = "INSERT INTO \(ident: table.name) (\(idents: table.columns.map(\.name), joinedBy: ", ")) VALUES "
        for (index, row) in rows.enumerated() {
            query += index == 0 ? "(\(binds: row.map(\.bindable)))" : ", (\(binds: row.map(\.bindable)))"
        }
        query += " ON CONFLICT DO NOTHING"
        return query
    }
}

/// Why a copy was refused.
public enum SQLStoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source table has columns `SQLCopyTable.all` does not know: this Pallet is older than the source's schema.
    case unknownColumns(table: String, columns: [String])

    public var description: String {
        switch self {
        case .unknownColumns(let table, let columns):
            "The source table '\(table)' has columns this Pallet cannot copy (\(columns.joined(separator: ", "))); use the Pallet that wrote it."
        }
    }
}
