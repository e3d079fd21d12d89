import Gallery
import Synchronization

/// The lower ids each account owns, per node, read from the store again only after the feed changed.
///
/// Reading 10,000 owned ids (SQLite sorts and decodes every row) was most of what the account pages cost once
/// their lists were cached. Every ownership change (an owner added or removed, a new id pushed, an account
/// deleted) marks its ids dirty, and every node re-indexes a dirty id, which bumps the feed's generation; so an
/// entry read at the current generation is still exact, and after any change the next view reads again. Ids
/// without an available version have no page to link to and stay out (as Manage Packages has always done).
final class OwnedIDsCache: Sendable {
    private struct Entry {
        let generation: Int
        let lowerIDs: [String]
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    private let reads = Atomic<Int>(0)
    /// At most this many accounts are kept; past it the cache starts over (a few hundred bytes per id).
    let accountLimit: Int

    init(accountLimit: Int = 256) {
        self.accountLimit = accountLimit
    }

    /// Store reads made so far (tests).
    var storeReads: Int { reads.load(ordering: .relaxed) }

    /// The lower ids `account` owns that the feed `snapshot` has, ascending (Swift's order). The array is the
    /// cached one while nothing changed, so comparing it with an earlier result costs no pass over the ids.
    func lowerIDs(of account: Int64, store: any MetadataStore, snapshot: FeedSnapshot) async throws -> [String] {
        if let entry = entries.withLock({ $0[account] }), entry.generation == snapshot.generation { return entry.lowerIDs }
        // The generation is the snapshot's, taken before the read: a change committed during the read bumps it
        // afterwards, so this entry is read again on the next view.
        reads.add(1, ordering: .relaxed)
        var lowerIDs = try await store.ownedLowerIDs(of: account).filter { snapshot.packages[$0] != nil }
        // The store sorts in its collation (PostgreSQL's may differ from Swift's): check before paying for a sort.
        if zip(lowerIDs, lowerIDs.dropFirst()).contains(where: { $0 >= $1 }) { lowerIDs.sort() }
        let entry = Entry(generation: snapshot.generation, lowerIDs: lowerIDs)
        entries.withLock { entries in
            if entries.count >= accountLimit, entries[account] == nil { entries.removeAll(keepingCapacity: true) }
            entries[account] = entry
        }
        return lowerIDs
    }
}
