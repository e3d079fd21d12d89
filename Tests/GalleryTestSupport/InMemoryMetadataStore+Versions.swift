public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func claimVersion(_ record: PackageVersionRecord, owner: Int64?, lease: ClaimLease, now: Date) async throws -> ClaimOutcome {
        try write { state in
            var pending = record
            pending.state = .pending
            if let existing = state.versions[record.key] {
                let expires = existing.lease?.expires ?? existing.record.created.addingTimeInterval(ClaimLease.legacyLength)
                guard existing.record.state == .pending, expires <= now else { return .alreadyExists }
                state.versions[record.key] = .init(record: pending, lease: lease)
                return .tookOver
            }
            if state.packages[record.lowerID] == nil {
                state.packages[record.lowerID] = record.id
                if let owner {
                    try state.requireAccounts([owner])
                    state.owners[record.lowerID, default: []].insert(owner)
                }
            }
            state.versions[record.key] = .init(record: pending, lease: lease)
            return .claimed
        }
    }

    public func renewClaim(_ key: PackageVersionKey, lease: ClaimLease) async throws -> Bool {
        try write { state in
            guard let row = state.versions[key], row.record.state == .pending, row.lease?.token == lease.token else { return false }
            state.versions[key]?.lease = lease
            return true
        }
    }

    public func publishClaim(_ key: PackageVersionKey, token: String, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool {
        let now = nowMicroseconds
        return try write { state in
            guard var row = state.versions[key], row.record.state == .pending, row.lease?.token == token else { return false }
            row.record.state = .available
            row.record.catalogLeafPath = catalogEntry.leafPath
            row.lease = nil
            state.versions[key] = row
            state.appendCatalogEntry(catalogEntry)
            state.markDirty([key.lowerID], now: now)
            state.appendAudit(audit)
            return true
        }
    }

    public func abandonClaim(_ key: PackageVersionKey, token: String?) async throws {
        try write { state in
            if let row = state.versions[key], row.record.state == .pending, token == nil || row.lease?.token == token {
                state.versions[key] = nil
            }
            if !state.versions.keys.contains(where: { $0.lowerID == key.lowerID }) {
                state.packages[key.lowerID] = nil
                state.owners[key.lowerID] = nil
            }
        }
    }

    public func pendingClaims(expiredBefore date: Date) async throws -> [PendingClaim] {
        try read { state in
            state.versions.values
                .filter { row in
                    row.record.state == .pending
                        && (row.lease?.expires ?? row.record.created.addingTimeInterval(ClaimLease.legacyLength)) < date
                }
                .map { PendingClaim(record: $0.record, lease: $0.lease) }
        }
    }

    public func updateListing(
        _ key: PackageVersionKey, audit: [AuditEvent],
        _ change: @escaping @Sendable (PackageVersionRecord) throws -> (record: PackageVersionRecord, entry: CatalogEntry)
    ) async throws -> PackageVersionRecord? {
        let now = nowMicroseconds
        return try write { state in
            guard let row = state.versions[key], row.record.state == .available else { return nil }
            let changed = try change(row.record)
            // Only the listing fields are written, as in SQL.
            var record = row.record
            record.listed = changed.record.listed
            record.published = changed.record.published
            record.lastEdited = changed.record.lastEdited
            record.catalogLeafPath = changed.entry.leafPath
            state.versions[key]?.record = record
            state.appendCatalogEntry(changed.entry)
            state.markDirty([key.lowerID], now: now)
            state.appendAudit(audit)
            return record
        }
    }

    public func deleteVersion(_ key: PackageVersionKey, at date: Date, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool {
        let now = nowMicroseconds
        return try write { state in
            guard var row = state.versions[key], row.record.state == .available else { return false }
            row.record.state = .deleted
            row.record.listed = false
            row.record.lastEdited = date
            row.record.catalogLeafPath = catalogEntry.leafPath
            state.versions[key] = row
            state.appendCatalogEntry(catalogEntry)
            state.markDirty([key.lowerID], now: now)
            state.appendAudit(audit)
            return true
        }
    }

    public func versions(ofLowerID lowerID: String) async throws -> [PackageVersionRecord] {
        try read { state in
            state.versions.values.filter { $0.record.lowerID == lowerID && $0.record.state == .available }.map(\.record)
        }
    }

    public func version(_ key: PackageVersionKey) async throws -> PackageVersionRecord? {
        try read { $0.versions[key]?.record }
    }

    public func allAvailableVersions() async throws -> [PackageVersionRecord] {
        try read { state in state.versions.values.filter { $0.record.state == .available }.map(\.record) }
    }

    public func availableVersions(afterLowerID lowerID: String?, idLimit: Int) async throws -> [PackageVersionRecord] {
        try read { state in
            let available = state.versions.values.map(\.record).filter { $0.state == .available && $0.lowerID > (lowerID ?? "") }
            let ids = Set(Set(available.map(\.lowerID)).sorted().prefix(idLimit))
            return available.filter { ids.contains($0.lowerID) }.sorted { $0.lowerID < $1.lowerID }
        }
    }

    public func versionSummaries(afterLowerID lowerID: String?, idLimit: Int) async throws -> [VersionSummary] {
        let records = try await availableVersions(afterLowerID: lowerID, idLimit: idLimit)
            .sorted { ($0.lowerID, $0.lowerVersion) < ($1.lowerID, $1.lowerVersion) }
        var summaries: [VersionSummary] = []
        for record in records {
            let previous = summaries.last.flatMap { $0.lowerID == record.lowerID ? $0.texts : nil }
            summaries.append(VersionSummary(record, sharing: previous))
        }
        return summaries
    }

    public func versions(_ keys: [PackageVersionKey]) async throws -> [PackageVersionRecord] {
        try read { state in Set(keys).compactMap { state.versions[$0]?.record } }
    }

    public func addDownloads(_ counts: [PackageVersionKey: Int64]) async throws {
        try write { state in
            for (key, count) in counts where state.versions[key] != nil {
                state.versions[key]?.record.downloads += count
            }
        }
    }
}
