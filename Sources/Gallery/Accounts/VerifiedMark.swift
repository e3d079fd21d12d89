/// nuget.org's checkmark: an id is verified when it lies under a prefix reservation that one of its
/// owners holds. Search and registration both show it, so both ask here.
enum VerifiedMark {
    /// Whether `lowerID` is verified given its owners' account keys.
    static func isVerified(lowerID: String, ownerKeys: [Int64], store: any MetadataStore) async throws -> Bool {
        guard !ownerKeys.isEmpty else { return false }
        return isVerified(lowerID: lowerID, ownerKeys: ownerKeys, reservations: try await store.reservations())
    }

    /// The same decision over reservations already read (start-up reads them once for every id).
    static func isVerified(lowerID: String, ownerKeys: [Int64], reservations: [PrefixReservation]) -> Bool {
        guard !ownerKeys.isEmpty else { return false }
        let owners = Set(ownerKeys)
        return reservations.contains { $0.covers(lowerID) && !owners.isDisjoint(with: $0.ownerKeys) }
    }
}
