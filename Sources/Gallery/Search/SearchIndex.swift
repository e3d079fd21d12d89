import Synchronization

/// The search and autocomplete index of one node, held in memory (design: "Search").
///
/// Loaded from the metadata store at start and updated on every write (push, unlist,
/// relist, delete, download flush). Readers take a copy-on-write snapshot under a short lock
/// and search it without holding the lock, so concurrent queries never wait for each other;
/// a writer mutates the shared state under the lock (copying it only while a reader still
/// holds an older snapshot).
public final class SearchIndex: Sendable {
    private let state = Mutex(SearchIndexState())
    /// `termMatches`' buffers, one per query running at once (a few are kept).
    let termScratches = Mutex<[TermScratch]>([])

    /// Creates an empty index.
    public init() {}

    /// Replaces everything known about one id with `records` (all its versions; pending and
    /// deleted ones are ignored, unlisted ones are kept for download totals but never shown).
    /// An empty list, or one with no listed version, removes the id from results.
    /// - Parameters:
    ///   - owners: account names allowed to push the id (search's `owners`).
    ///   - verified: the id lies in a prefix reserved by an owner (search's `verified`).
    public func upsert(_ records: [PackageVersionRecord], owners: [String], verified: Bool = false, advisories: [Advisory] = []) {
        guard let lowerID = records.first?.lowerID else { return }
        state.withLock { state in
            // Download counts only grow, and a flush adds its batch here and to the store at once: records read
            // from the store before a flush and upserted after it (the change follower re-indexing an id while
            // downloads are flushed) would otherwise take back the counts that flush added. Keep the larger.
            var records = records
            if let indexed = state.package(lowerID: lowerID) {
                let counted = Dictionary(indexed.versions.map { ($0.lowerVersion, $0.downloads) }, uniquingKeysWith: max)
                for n in records.indices {
                    if let downloads = counted[records[n].lowerVersion], downloads > records[n].downloads {
                        records[n].downloads = downloads
                    }
                }
            }
            let package = IndexedPackage(
                records: records, owners: owners, verified: verified, advisories: advisories, vocabulary: &state.vocabulary)
            if let package { state.put(package) } else { state.remove(lowerID: lowerID) }
        }
    }

    /// Start-up's upsert of one id: its available versions' summaries in search's version order
    /// (`ParsedVersions.searchOrder`) and the records, by lower version, of the versions
    /// `IndexedPackage.latestPositions` names (search displays those; the others are never decoded).
    func upsert(
        ordered summaries: [VersionSummary], records: [String: PackageVersionRecord], owners: [String], verified: Bool,
        advisories: [Advisory]
    ) {
        guard let lowerID = summaries.first?.lowerID else { return }
        state.withLock { state in
            var summaries = summaries
            if let indexed = state.package(lowerID: lowerID) {
                // As in `upsert(_:owners:verified:advisories:)`: never take back counts a flush added.
                let counted = Dictionary(indexed.versions.map { ($0.lowerVersion, $0.downloads) }, uniquingKeysWith: max)
                for n in summaries.indices {
                    if let downloads = counted[summaries[n].lowerVersion], downloads > summaries[n].downloads {
                        summaries[n].downloads = downloads
                    }
                }
            }
            let package = IndexedPackage(
                ordered: summaries,
                record: { n in
                    // The count the versions list shows (the record may have been read a flush later).
                    var record = records[summaries[n].lowerVersion]
                    record?.downloads = summaries[n].downloads
                    return record
                },
                owners: owners, verified: verified,
                advisories: advisories, vocabulary: &state.vocabulary)
            if let package { state.put(package) } else { state.remove(lowerID: lowerID) }
        }
    }

    /// Forgets an id (every version hard-deleted).
    public func remove(lowerID: String) {
        state.withLock { $0.remove(lowerID: lowerID.lowercased()) }
    }

    /// Adds flushed download counts; unknown ids or versions are ignored.
    /// Call it with the same batch written to the metadata store, so a later `upsert`
    /// from the store agrees with what the index already counted.
    public func addDownloads(_ counts: [PackageVersionKey: Int64]) {
        state.withLock { state in
            for (key, count) in counts where count != 0 {
                guard let slot = state.slotByLowerID[key.lowerID],
                      let updated = state.packages[slot]?.addingDownloads(count, lowerVersion: key.lowerVersion)
                else { continue }
                state.replaceDownloads(updated, slot: slot)
            }
        }
    }

    /// Changes with every write to the index (`SearchAnswerCache` keys answers by it).
    public var generation: Int { state.withLock { $0.generation } }

    /// Number of searchable ids.
    public var count: Int { snapshot().slotByLowerID.count }

    /// The current state, for lock-free reading.
    func snapshot() -> SearchIndexState {
        state.withLock { $0 }
    }
}
