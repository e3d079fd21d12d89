public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Deprecates, un-deprecates and optionally (un)lists versions of one id in one transaction; versions the
    /// change would leave as they are get no catalog entry.
    public func setDeprecation(
        _ change: DeprecationChange, keys: [PackageVersionKey], at date: Date, audit: [AuditEvent],
        catalogEntry makeEntry: @escaping @Sendable (PackageVersionRecord) throws -> CatalogEntry
    ) async throws -> [PackageVersionRecord] {
        let dialect = self.dialect
        return try await write { db in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let deprecationJSON = try change.deprecation.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            var changed: [PackageVersionRecord] = []
            for key in keys {
                guard var record = try await Self.lockedVersion(key, in: db, dialect: dialect), record.state == .available else {
                    continue
                }
                let listed = change.listed ?? record.listed
                guard record.deprecation != change.deprecation || record.listed != listed else { continue }
                if listed && !record.listed { record.published = date }
                record.listed = listed
                record.deprecation = change.deprecation
                record.lastEdited = date
                let entry = try makeEntry(record)
                record.catalogLeafPath = entry.leafPath
                try await db.raw("""
                    UPDATE package_versions
                    SET deprecation_json = \(bind: deprecationJSON), listed = \(bind: listed),
                        published = \(bind: StoreDate.microseconds(record.published)),
                        last_edited = \(bind: StoreDate.microseconds(date)), catalog_leaf_path = \(bind: entry.leafPath)
                    WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                    """).run()
                try await Self.appendCatalogEntry(entry, in: db, dialect: dialect)
                changed.append(record)
            }
            guard let first = changed.first else { return [] }
            try await Self.appendAudit(audit, in: db)
            try await Self.markDirty([first.lowerID], in: db, dialect: dialect)
            return changed
        }
    }
}
