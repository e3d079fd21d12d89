public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Unlist, relist or a replaced README: the domain's `change` decides the new record (listed, published, lastEdited,
    /// metadata) and its
    /// catalog entry from the locked current one; the store writes them, with `audit`, in one transaction.
    public func updateListing(
        _ key: PackageVersionKey, audit: [AuditEvent],
        _ change: @escaping @Sendable (PackageVersionRecord) throws -> (record: PackageVersionRecord, entry: CatalogEntry)
    ) async throws -> PackageVersionRecord? {
        // Escaping, not `withoutActuallyEscaping`: a pooled PostgreSQL session may release the transaction's
        // closure (and with it this one) a moment after the call returns, which that check traps on.
        let dialect = self.dialect
        return try await write { db in
            guard let current = try await Self.lockedVersion(key, in: db, dialect: dialect), current.state == .available else {
                return nil
            }
            let changed = try change(current)
            var record = changed.record
            let entry = changed.entry
            record.catalogLeafPath = entry.leafPath
            let (metadata, _) = try PackageVersionRow.encodedJSON(record)
            let texts = try PackageVersionRow.encodedTexts(record)
            try await db.raw("""
                UPDATE package_versions
                SET metadata_json = \(bind: metadata), feed_texts = \(bind: texts), listed = \(bind: record.listed), published = \(bind: StoreDate.microseconds(record.published)),
                    last_edited = \(bind: record.lastEdited.map(StoreDate.microseconds)), catalog_leaf_path = \(bind: entry.leafPath)
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                """).run()
            try await Self.appendCatalogEntry(entry, in: db, dialect: dialect)
            try await Self.markDirty([key.lowerID], in: db, dialect: dialect)
            try await Self.appendAudit(audit, in: db)
            return record
        }
    }

    /// Hard delete (site admins only): the row stays with state `deleted` and `listed` false so the
    /// number is never reused; appends the `PackageDelete` entry and `audit`, marks the id dirty.
    /// Returns false when no available version has `key`.
    public func deleteVersion(_ key: PackageVersionKey, at date: Date, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool {
        let dialect = self.dialect
        return try await write { db in
            let updated = try await db.raw("""
                UPDATE package_versions SET state = 'deleted', listed = \(bind: false),
                    last_edited = \(bind: StoreDate.microseconds(date)), catalog_leaf_path = \(bind: catalogEntry.leafPath)
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion) AND state = 'available'
                RETURNING lower_id
                """).first()
            guard updated != nil else { return false }
            try await Self.appendCatalogEntry(catalogEntry, in: db, dialect: dialect)
            try await Self.markDirty([key.lowerID], in: db, dialect: dialect)
            try await Self.appendAudit(audit, in: db)
            return true
        }
    }

    /// One version, read inside a write transaction and locked against concurrent writers until it ends.
    static func lockedVersion(
        _ key: PackageVersionKey, in db: any SQLDatabase, dialect: SQLDialectFeatures
    ) async throws -> PackageVersionRecord? {
        try await PackageVersionRow.all("""
            SELECT \(unsafeRaw: PackageVersionRow.columns) FROM package_versions
            WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
            \(unsafeRaw: dialect.lockRowsForUpdate)
            """, in: db).first
    }
}
