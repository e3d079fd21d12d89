extension PackageGallery {
    /// Ids read per page at start-up (about ten times as many rows).
    static let startupPageIDs = 1_000

    /// Fills the search index and the V2 view from the store, a page of ids at a time; returns the number of ids.
    ///
    /// Reading every version in one result held all rows (each with its metadata JSON) and all decoded
    /// records at once, which set the process's resident size at 1M versions long after they were
    /// dropped; a page's rows are freed before the next is read. The next page is fetched and decoded
    /// while this one is indexed, and the two views are filled side by side (they share nothing).
    /// Owners, accounts, reservations and advisories are read once for all ids (`IndexFacts`), not four
    /// queries per id.
    func loadIndexes() async throws -> Int {
        let facts = try await IndexFacts.load(from: store)
        let store = self.store, changes = self.changes, pageIDs = Self.startupPageIDs
        var next = Task { try await store.availableVersions(afterLowerID: nil, idLimit: pageIDs) }
        var count = 0
        while true {
            let page = try await next.value
            guard let last = page.last else { return count }
            next = Task { try await store.availableVersions(afterLowerID: last.lowerID, idLimit: pageIDs) }
            let byID = Dictionary(grouping: page, by: \.lowerID)
            async let feedFilled: Void = Self.fill(changes.feed, byID)
            for (lowerID, records) in byID {
                changes.reindexSearch(lowerID: lowerID, records: records, facts: facts)
            }
            await feedFilled
            count += byID.count
        }
    }

    private static func fill(_ feed: PackageFeedView, _ byID: [String: [PackageVersionRecord]]) async {
        for (lowerID, records) in byID { feed.upsert(lowerID: lowerID, records: records) }
    }
}
