extension PackageGallery {
    /// Ids read per page at start-up (about ten times as many versions).
    static let startupPageIDs = 2_000

    /// Fills the search index and the V2 view from the store, a page of ids at a time; returns the number of ids.
    ///
    /// Both views are built from version summaries (`versionSummaries`: the plain columns and the V2 texts, no
    /// metadata JSON); only the versions search displays (the latest under each filter combination, one or two
    /// per id) are read whole and decoded, a page's worth in one query. Decoding every version's metadata was
    /// most of a 1M-version start (and keeping every record most of its memory). The next page is read while
    /// this one is indexed, and this page's records are read while its V2 packages are built. Owners,
    /// accounts, reservations and advisories are read once for all ids (`IndexFacts`). `pageIDs` is smaller only
    /// in tests, to cross page boundaries with a small corpus.
    func loadIndexes(pageIDs: Int = PackageGallery.startupPageIDs) async throws -> Int {
        let facts = try await IndexFacts.load(from: store)
        let store = self.store, changes = self.changes
        var next = Task { try await store.versionSummaries(afterLowerID: nil, idLimit: pageIDs) }
        // Search indexes one page while the next is read and its V2 packages built (at most one page waits).
        var searching: Task<Void, Never>?
        var count = 0
        while true {
            let summaries = try await next.value
            guard let last = summaries.last else { break }
            next = Task { try await store.versionSummaries(afterLowerID: last.lowerID, idLimit: pageIDs) }
            let page = StartupPage(summaries)
            async let shown = store.versions(page.shownKeys)
            changes.feed.load(page.ids.compactMap { FeedPackage(lowerID: $0.lowerID, parsed: $0.parsed) })
            var records: [PackageVersionKey: PackageVersionRecord] = [:]
            for record in try await shown where record.state == .available { records[record.key] = record }
            await searching?.value
            searching = Task { [records] in
                for id in page.ids {
                    var latest: [String: PackageVersionRecord] = [:]
                    for position in id.shown {
                        let key = id.ordered[position].key
                        if let record = records[key] { latest[key.lowerVersion] = record }
                    }
                    changes.reindexSearch(lowerID: id.lowerID, ordered: id.ordered, records: latest, facts: facts)
                }
            }
            count += page.ids.count
        }
        await searching?.value
        changes.feed.finishLoading()
        return count
    }
}

/// One page of start-up summaries split by id (they come ordered by lower id), each id's versions parsed once
/// for both orders, with the keys of the versions search displays.
struct StartupPage: Sendable {
    struct ID: Sendable {
        let lowerID: String
        let parsed: ParsedVersions
        /// The summaries in search's version order.
        let ordered: [VersionSummary]
        /// Positions in `ordered` whose records search displays.
        let shown: Set<Int>
    }

    let ids: [ID]
    /// The keys of every id's displayed versions.
    let shownKeys: [PackageVersionKey]

    init(_ summaries: [VersionSummary]) {
        // Grouped by id in first-seen order: the database sorts by its own collation, which need not put an id's
        // rows next to each other by Swift's notion of equal.
        // Consecutive rows of one id (all of them, in practice) join the last group without hashing the id.
        var groups: [[VersionSummary]] = [], slot: [String: Int] = [:]
        for summary in summaries {
            if let last = groups.last?.last, last.lowerID == summary.lowerID {
                groups[groups.count - 1].append(summary)
            } else if let n = slot[summary.lowerID] {
                groups[n].append(summary)
            } else {
                slot[summary.lowerID] = groups.count
                groups.append([summary])
            }
        }
        var ids: [ID] = [], keys: [PackageVersionKey] = []
        ids.reserveCapacity(groups.count)
        for group in groups {
            let parsed = ParsedVersions(group)
            let ordered = parsed.searchOrder().map { parsed.summaries[$0] }
            let shown = IndexedPackage.latestPositions(ordered)
            keys += shown.map { ordered[$0].key }
            ids.append(ID(lowerID: group[0].lowerID, parsed: parsed, ordered: ordered, shown: shown))
        }
        self.ids = ids
        shownKeys = keys
    }
}
