public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func advisories() async throws -> [Advisory] {
        try await read { db in
            try await db.raw("SELECT advisory_id, lower_id, versions, severity, url, page FROM advisories").all().map(Self.advisory)
        }
    }

    public func advisories(ofLowerID lowerID: String) async throws -> [Advisory] {
        try await read { db in
            try await db.raw("""
                SELECT advisory_id, lower_id, versions, severity, url, page FROM advisories WHERE lower_id = \(bind: lowerID)
                """).all().map(Self.advisory)
        }
    }

    /// Deletes the page's rows, inserts the new ones and marks dirty every id whose set of advisories differs.
    public func replaceAdvisories(on page: Advisory.Page, with advisories: [Advisory], audit: [AuditEvent]) async throws -> [String] {
        let dialect = self.dialect
        return try await write { db in
            let old = try await db.raw("""
                SELECT advisory_id, lower_id, versions, severity, url, page FROM advisories WHERE page = \(bind: page.rawValue)
                """).all().map(Self.advisory)
            try await db.raw("DELETE FROM advisories WHERE page = \(bind: page.rawValue)").run()
            for advisory in Set(advisories) {
                try await Self.upsert(advisory, page: page, in: db)
            }
            let before = Dictionary(grouping: old, by: \.lowerID).mapValues(Set.init)
            let after = Dictionary(grouping: advisories, by: \.lowerID).mapValues { Set($0.map { a in var a = a; a.page = page; return a }) }
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            if !changed.isEmpty { try await Self.markDirty(changed, in: db, dialect: dialect) }
            try await Self.appendAudit(audit, in: db)
            return changed
        }
    }

    public func addAdvisories(_ advisories: [Advisory], audit: [AuditEvent]) async throws {
        let dialect = self.dialect
        try await write { db in
            for advisory in advisories {
                try await Self.upsert(advisory, page: advisory.page, in: db)
            }
            let ids = Set(advisories.map(\.lowerID)).sorted()
            if !ids.isEmpty { try await Self.markDirty(ids, in: db, dialect: dialect) }
            try await Self.appendAudit(audit, in: db)
        }
    }

    public func removeAdvisory(id advisoryID: String, audit: [AuditEvent]) async throws -> [String] {
        let dialect = self.dialect
        return try await write { db in
            let ids = try await db.raw("""
                DELETE FROM advisories WHERE advisory_id = \(bind: advisoryID) RETURNING lower_id
                """).all().map { try $0.decode(column: "lower_id", as: String.self) }
            let unique = Set(ids).sorted()
            if !unique.isEmpty {
                try await Self.markDirty(unique, in: db, dialect: dialect)
                try await Self.appendAudit(audit, in: db)
            }
            return unique
        }
    }

    static func upsert(_ advisory: Advisory, page: Advisory.Page, in db: any SQLDatabase) async throws {
        try await db.raw("""
            DELETE FROM advisories WHERE advisory_id = \(bind: advisory.advisoryID) AND lower_id = \(bind: advisory.lowerID)
                AND versions = \(bind: advisory.versions)
            """).run()
        try await db.raw("""
            INSERT INTO advisories (advisory_id, lower_id, versions, severity, url, page)
            VALUES (\(bind: advisory.advisoryID), \(bind: advisory.lowerID), \(bind: advisory.versions),
                \(bind: Int64(advisory.severity)), \(bind: advisory.url), \(bind: page.rawValue))
            """).run()
    }

    static func advisory(_ row: any SQLRow) throws -> Advisory {
        Advisory(
            advisoryID: try row.decode(column: "advisory_id", as: String.self),
            lowerID: try row.decode(column: "lower_id", as: String.self),
            versions: try row.decode(column: "versions", as: String.self),
            severity: Int(try row.decode(column: "severity", as: Int64.self)),
            url: try row.decode(column: "url", as: String.self),
            page: Advisory.Page(rawValue: try row.decode(column: "page", as: String.self)) ?? .update)
    }
}
