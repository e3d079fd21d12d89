import Foundation

extension ChangeRecorder {
    /// The owners search shows for an id, and whether the id is verified: it lies under a prefix
    /// reservation one of its owners holds (nuget.org's checkmark). Deleted accounts are not shown.
    func ownerFacts(lowerID: String) async throws -> (names: [String], verified: Bool) {
        let ownerKeys = try await store.owners(ofLowerID: lowerID)
        var names: [String] = []
        for key in ownerKeys {
            if let account = try await store.user(key: key), !account.isDeleted { names.append(account.name) }
        }
        let verified = try await VerifiedMark.isVerified(lowerID: lowerID, ownerKeys: ownerKeys, store: store)
        return (names, verified)
    }

    /// Hard delete: marks the row deleted with a `PackageDelete` catalog entry (one commit), removes the
    /// package files, then re-renders the id's documents, the catalog and search, so the version is gone
    /// from every read path. Without `render` (admin CLI) the id stays dirty for the serving process to re-render.
    /// Returns false when no available version has `record.key`.
    /// `audit` is appended in the delete's transaction.
    func hardDelete(_ record: PackageVersionRecord, at date: Date, render: Bool, audit: [AuditEvent]) async throws -> Bool {
        let entry = await catalogEntry(for: record, kind: .packageDelete)
        guard try await store.deleteVersion(record.key, at: date, catalogEntry: entry, audit: audit) else { return false }
        // The .nupkg first, as a push stores it last (a present nupkg implies its side files), then the side
        // files together: one object-store round instead of five, which also shortens the time the id stays
        // dirty and unrendered (another node may take over its render after the grace).
        try await blobs.delete(.nupkg(record.key))
        let blobs = self.blobs
        try await withThrowingTaskGroup(of: Void.self) { group in
            for blob in [BlobKey.nuspec(record.key), .readme(record.key), .readmeOriginal(record.key), .icon(record.key), .licenseFile(record.key)] {
                group.addTask { try await blobs.delete(blob) }
            }
            try await group.waitForAll()
        }
        if render {
            _ = try await afterCommit(lowerID: record.lowerID, entry: entry)
        } else {
            try await blobs.put(.document("catalog/\(entry.leafPath)"), data: entry.leafJSON)
        }
        return true
    }
}
