public import Foundation
import Synchronization

/// Records a change of one version everywhere readers look: the catalog (one commit), the rendered
/// documents of its id, the catalog pages and the search index.
///
/// Push, unlist and relist all end here, so every surface (V3, V2, admin) changes state the same way.
public struct ChangeRecorder: Sendable {
    let store: any MetadataStore
    let blobs: any BlobStore
    let documents: DocumentPublisher
    let catalog: CatalogPublisher
    let search: SearchIndex
    /// The V2 feed's in-memory view, fed at the same point as the search index.
    let feed: PackageFeedView
    let commitClock: CommitClock
    let urls: FeedURLs

    /// Makes the pending claim held by `token` available (push) with `entry`, whose leaf the push already
    /// stored beside its blobs, and its audit events in the same transaction.
    /// Throws `ClaimLost` when the claim is no longer this push's.
    func publish(_ record: PackageVersionRecord, entry: CatalogEntry, token: String, audit: [AuditEvent]) async throws -> PackageVersionRecord {
        guard try await store.publishClaim(record.key, token: token, catalogEntry: entry, audit: audit) else {
            throw ClaimLost(key: record.key)
        }
        let records = try await afterCommit(lowerID: record.lowerID, entry: entry, leafStored: true)
        return records.first { $0.key == record.key } ?? record
    }

    /// Lists or unlists with `audit` in the same transaction; nil when the version does not exist.
    /// Idempotent: an unchanged state still answers the record (and appends `audit` alone).
    func setListed(_ listed: Bool, _ key: PackageVersionKey, at date: Date, audit: [AuditEvent]) async throws -> PackageVersionRecord? {
        if let current = try await store.version(key), current.state == .available, current.listed == listed {
            for event in audit { try await store.appendAudit(event) }
            return current
        }
        let stamp = await commitClock.next()
        let commitID = UUID().uuidString.lowercased()
        let urls = self.urls
        let committed = Mutex<CatalogEntry?>(nil)
        let updated = try await store.updateListing(key, audit: audit) { current in
            let record = current.listing(listed, at: date)
            let entry = Self.makeEntry(record, kind: .packageDetails, commitID: commitID, stamp: stamp, urls: urls)
            committed.withLock { $0 = entry }
            return (record, entry)
        }
        guard let updated, let entry = committed.withLock({ $0 }) else { return updated }
        _ = try await afterCommit(lowerID: key.lowerID, entry: entry)
        return updated
    }

    /// Stores `change(current)` of an available version (a replaced README) with `audit` and a catalog entry, then
    /// re-renders the id's documents; nil when the version does not exist.
    func update(
        _ key: PackageVersionKey, audit: [AuditEvent], _ change: @escaping @Sendable (PackageVersionRecord) -> PackageVersionRecord
    ) async throws -> PackageVersionRecord? {
        let stamp = await commitClock.next()
        let commitID = UUID().uuidString.lowercased()
        let urls = self.urls
        let committed = Mutex<CatalogEntry?>(nil)
        let updated = try await store.updateListing(key, audit: audit) { current in
            let record = change(current)
            let entry = Self.makeEntry(record, kind: .packageDetails, commitID: commitID, stamp: stamp, urls: urls)
            committed.withLock { $0 = entry }
            return (record, entry)
        }
        guard let updated, let entry = committed.withLock({ $0 }) else { return updated }
        _ = try await afterCommit(lowerID: key.lowerID, entry: entry)
        return updated
    }

    func catalogEntry(for record: PackageVersionRecord, kind: CatalogEntry.Kind) async -> CatalogEntry {
        let stamp = await commitClock.next()
        return Self.makeEntry(record, kind: kind, commitID: UUID().uuidString.lowercased(), stamp: stamp, urls: urls)
    }

    static func makeEntry(
        _ record: PackageVersionRecord, kind: CatalogEntry.Kind, commitID: String, stamp: Date, urls: FeedURLs
    ) -> CatalogEntry {
        CatalogRenderer.entry(for: record, kind: kind, commitID: commitID, commitTimeStamp: stamp)
    }

    /// Renders what a committed change touched. `leafStored`: the caller stored the entry's leaf before its commit.
    func afterCommit(lowerID: String, entry: CatalogEntry, leafStored: Bool = false) async throws -> [PackageVersionRecord] {
        // The leaf first: the catalog page and the registration documents both point at it.
        if !leafStored {
            try await blobs.put(.document("catalog/\(entry.leafPath)"), data: entry.leafJSON)
        }
        // The id's documents and the catalog's page and index are independent blobs: written at the same
        // time, a push waits for the slower of the two, not their sum (each is a few object-store round trips).
        async let catalogRefreshed: Void = catalog.refresh()
        let rendered = try await documents.refreshReturningFacts(lowerID: lowerID)
        try await catalogRefreshed
        try await reindex(rendered, lowerID: lowerID)
        return rendered.records
    }

    /// `reindex(lowerID:records:)` with the facts the render just read: only the owners' names are read.
    func reindex(_ rendered: RenderedPackage, lowerID: String) async throws {
        feed.upsert(lowerID: lowerID, records: rendered.records)
        guard !rendered.records.isEmpty else {
            search.remove(lowerID: lowerID)
            return
        }
        var names: [String] = []
        for key in rendered.ownerKeys {
            if let account = try await store.user(key: key), !account.isDeleted { names.append(account.name) }
        }
        search.upsert(rendered.records, owners: names, verified: rendered.verified, advisories: rendered.advisories)
    }

    /// Puts an id's current versions into the search index.
    func reindex(lowerID: String, records: [PackageVersionRecord]) async throws {
        feed.upsert(lowerID: lowerID, records: records)
        guard !records.isEmpty else {
            search.remove(lowerID: lowerID)
            return
        }
        let owners = try await ownerFacts(lowerID: lowerID)
        let advisories = try await store.advisories(ofLowerID: lowerID)
        search.upsert(records, owners: owners.names, verified: owners.verified, advisories: advisories)
    }

    /// Puts an id's versions into the search index with facts read for every id at once (start-up, which fills
    /// the V2 view beside it): the search half of `reindex(lowerID:records:)` without its per-id queries, from the
    /// summaries of the id's available versions (search's version order) and the records of those it displays.
    func reindexSearch(lowerID: String, ordered: [VersionSummary], records: [String: PackageVersionRecord], facts: IndexFacts) {
        guard !ordered.isEmpty else {
            search.remove(lowerID: lowerID)
            return
        }
        let owners = facts.owners(of: lowerID)
        search.upsert(
            ordered: ordered, records: records, owners: owners.names, verified: owners.verified,
            advisories: facts.advisories(of: lowerID))
    }
}
