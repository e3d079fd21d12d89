import Foundation
import Synchronization

extension ChangeRecorder {
    /// Deprecation of several versions as one catalog commit: every changed version gets a leaf with the
    /// same commit id and time stamp (as nuget.org's multi-item commits), then the id is rendered once.
    func setDeprecation(
        _ change: DeprecationChange, keys: [PackageVersionKey], at date: Date, audit: [AuditEvent]
    ) async throws -> [PackageVersionRecord] {
        guard let lowerID = keys.first?.lowerID else { return [] }
        let stamp = await commitClock.next()
        let commitID = UUID().uuidString.lowercased()
        let urls = self.urls
        // Keyed by version: a store that retries its transaction rebuilds the same entries.
        let entries = Mutex<[PackageVersionKey: CatalogEntry]>([:])
        let changed = try await store.setDeprecation(change, keys: keys, at: date, audit: audit) { record in
            let entry = Self.makeEntry(record, kind: .packageDetails, commitID: commitID, stamp: stamp, urls: urls)
            entries.withLock { $0[record.key] = entry }
            return entry
        }
        guard !changed.isEmpty else { return [] }
        let committed = entries.withLock { entries in changed.compactMap { entries[$0.key] } }
        for entry in committed {
            try await blobs.put(.document("catalog/\(entry.leafPath)"), data: entry.leafJSON)
        }
        let records = try await documents.refresh(lowerID: lowerID)
        try await catalog.refresh()
        try await reindex(lowerID: lowerID, records: records)
        return records.filter { record in changed.contains { $0.key == record.key } }
    }
}
