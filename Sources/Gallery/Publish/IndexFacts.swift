/// What search needs about ids besides their versions (owners' names, the verified mark,
/// advisories), read for every id at once.
///
/// Start-up indexes every id; asking the store per id cost four queries each (owners, every owner's
/// account, reservations, advisories): 400,000 round trips at 100,000 ids, most of a 1M-version
/// start. These are four reads in all, and `ChangeRecorder.ownerFacts(lowerID:)` stays the per-id
/// path for single writes. Both derive the same answer (`IndexFactsTests`).
struct IndexFacts: Sendable {
    let ownersByLowerID: [String: [Int64]]
    /// Names of owner accounts that are not deleted.
    let ownerNames: [Int64: String]
    let reservations: [PrefixReservation]
    let advisoriesByLowerID: [String: [Advisory]]

    /// Reads the facts of every id.
    static func load(from store: any MetadataStore) async throws -> IndexFacts {
        let owners = try await store.allOwners()
        var names: [Int64: String] = [:]
        for key in Set(owners.values.joined()) {
            if let account = try await store.user(key: key), !account.isDeleted { names[key] = account.name }
        }
        return IndexFacts(
            ownersByLowerID: owners, ownerNames: names, reservations: try await store.reservations(),
            advisoriesByLowerID: Dictionary(grouping: try await store.advisories(), by: \.lowerID)
        )
    }

    /// The owners search shows for an id (in owner-key order, as the per-id path) and its verified mark.
    func owners(of lowerID: String) -> (names: [String], verified: Bool) {
        let keys = ownersByLowerID[lowerID] ?? []
        return (keys.compactMap { ownerNames[$0] }, VerifiedMark.isVerified(lowerID: lowerID, ownerKeys: keys, reservations: reservations))
    }

    func advisories(of lowerID: String) -> [Advisory] {
        advisoriesByLowerID[lowerID] ?? []
    }
}
