import SQLKit

/// What `SQLStoreCopier.verify()` found.
public struct SQLCopyVerification: Sendable, Equatable {
    /// Row counts of one table on both sides.
    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let sourceRows: Int64
        public let targetRows: Int64
    }

    /// One count per table, in copy order.
    public var counts: [TableCount] = []
    /// One line per difference (a count, a missing row, a differing column), at most a few per table.
    public var mismatches: [String] = []

    /// Whether the target holds exactly the source's rows.
    public var isComplete: Bool { mismatches.isEmpty }
}

extension SQLStoreCopier {
    /// The most differing rows named per table; the rest are counted.
    static let reportedRowsPerTable = 5

    /// Compares the stores table by table: equal row counts, every source primary key present in the target,
    /// and equal `comparedColumns` (for package_versions: hash, downloads, listed and state). Equal counts
    /// plus every source key present means both hold the same keys. Reads in pages, like `copy()`.
    public func verify(tables: [SQLCopyTable] = SQLCopyTable.all) async throws -> SQLCopyVerification {
        var result = SQLCopyVerification()
        for table in tables {
            let sourceRows = try await Self.count(table, in: source)
            let targetRows = try await Self.count(table, in: target)
            result.counts.append(.init(table: table.name, sourceRows: sourceRows, targetRows: targetRows))
            if sourceRows != targetRows {
                result.mismatches.append("\(table.name): \(sourceRows) rows in the source, \(targetRows) in the target")
            }
            result.mismatches += try await compareRows(of: table)
        }
        return result
    }

    private static func count(_ table: SQLCopyTable, in store: SQLMetadataStore) async throws -> Int64 {
        try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table.name)").first()?.decode(column: "n", as: Int64.self) ?? 0
        }
    }

    /// Looks up each page of source rows by primary key in the target and compares the chosen columns.
    private func compareRows(of table: SQLCopyTable) async throws -> [String] {
        let columns = (table.primaryKey + table.comparedColumns).compactMap(table.column)
        let keyCount = table.primaryKey.count
        let pageSize = max(1, min(batchSize, 30_000 / keyCount))
        var problems: [String] = []
        var differing = 0
        var after: [SQLCopyValue]?
        while true {
            let page = try await source.read { [after] db in
                try await db.raw(Self.pageQuery(table, columns: columns, after: after, limit: pageSize)).all()
                    .map { row in try columns.map { try $0.decode(row) } }
            }
            guard let last = page.last else { break }
            let found = try await target.read { db in
                try await db.raw(Self.lookupQuery(table, columns: columns, keys: page.map { Array($0.prefix(keyCount)) })).all()
                    .map { row in try columns.map { try $0.decode(row) } }
            }
            let targetRows = Dictionary(found.map { (Array($0.prefix(keyCount)), $0) }, uniquingKeysWith: { first, _ in first })
            for row in page {
                let key = Array(row.prefix(keyCount))
                guard let problem = Self.difference(table, columns: columns, source: row, target: targetRows[key]) else { continue }
                differing += 1
                if differing <= Self.reportedRowsPerTable { problems.append(problem) }
            }
            if page.count < pageSize { break }
            after = Array(last.prefix(keyCount))
        }
        if differing > Self.reportedRowsPerTable {
            problems.append("\(table.name): \(differing - Self.reportedRowsPerTable) more rows differ")
        }
        return problems
    }

    /// `SELECT columns FROM table WHERE (key) IN (VALUES (…), …)`.
    private static func lookupQuery(_ table: SQLCopyTable, columns: [SQLCopyColumn], keys: [[SQLCopyValue]]) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(idents: columns.map(\.name), joinedBy: ", ") FROM \(ident: table.name)"
        query += " WHERE (\(idents: table.primaryKey, joinedBy: ", ")) IN (VALUES "
        for (index, key) in keys.enumerated() {
            query += index == 0 ? "(\(binds: key.map(\.bindable)))" : ", (\(binds: key.map(\.bindable)))"
        }
        query += ")"
        return query
    }

    /// A line describing how the target row differs from the source row, or nil when they agree.
    private static func difference(
        _ table: SQLCopyTable, columns: [SQLCopyColumn], source: [SQLCopyValue], target: [SQLCopyValue]?
    ) -> String? {
        let key = source.prefix(table.primaryKey.count).map(\.text).joined(separator: ", ")
        guard let target else { return "\(table.name) (\(key)): missing in the target" }
        let differing = columns.indices.filter { source[$0] != target[$0] }.map { columns[$0].name }
        guard !differing.isEmpty else { return nil }
        return "\(table.name) (\(key)): \(differing.joined(separator: ", ")) differ"
    }
}

extension SQLCopyValue {
    /// The value as shown in a mismatch line.
    var text: String {
        switch self {
        case .text(let value): value
        case .int64(let value): String(value)
        case .bool(let value): String(value)
        case .bytes(let value): "\(value.count) bytes"
        case .null: "NULL"
        }
    }
}
