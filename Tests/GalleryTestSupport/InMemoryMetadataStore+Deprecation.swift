public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func setDeprecation(
        _ change: DeprecationChange, keys: [PackageVersionKey], at date: Date, audit: [AuditEvent],
        catalogEntry makeEntry: @escaping @Sendable (PackageVersionRecord) throws -> CatalogEntry
    ) async throws -> [PackageVersionRecord] {
        let now = nowMicroseconds
        return try write { state in
            var changed: [PackageVersionRecord] = []
            for key in keys {
                guard var record = state.versions[key]?.record, record.state == .available else { continue }
                let listed = change.listed ?? record.listed
                guard record.deprecation != change.deprecation || record.listed != listed else { continue }
                if listed && !record.listed { record.published = date }
                record.listed = listed
                record.deprecation = change.deprecation
                record.lastEdited = date
                let entry = try makeEntry(record)
                record.catalogLeafPath = entry.leafPath
                state.versions[key]?.record = record
                state.appendCatalogEntry(entry)
                changed.append(record)
            }
            guard let first = changed.first else { return [] }
            state.appendAudit(audit)
            state.markDirty([first.lowerID], now: now)
            return changed
        }
    }
}
