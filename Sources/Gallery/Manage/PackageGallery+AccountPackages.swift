import Foundation

/// `/account/Packages` (gallery.md §1.10): the packages a person manages, by owning account, and the ID prefixes
/// reserved for them.
public struct AccountPackages: Sendable {
    /// One owning account (the person first, then each organization) and the lower ids it owns.
    public struct Owner: Sendable {
        public let account: User
        /// The principal's role when the account is an organization; nil for the person themselves.
        public let role: OrganizationRole?
        public let lowerIDs: [String]
    }

    public let owners: [Owner]
    /// Reservations owned by the person or one of their organizations, by pattern.
    public let reservations: [(reservation: PrefixReservation, ownerNames: [String])]
}

extension PackageGallery {
    /// The packages and reserved prefixes of the signed-in person and every organization they belong to.
    /// - Parameter ownedLowerIDs: reads an account's lower ids, ascending (default: the store, sorted); the web
    ///   gallery passes its per-node cache of them.
    public func accountPackages(
        by principal: Principal, ownedLowerIDs: (@Sendable (Int64) async throws -> [String])? = nil
    ) async throws -> AccountPackages {
        let store = self.store
        let owned = ownedLowerIDs ?? { try await store.ownedLowerIDs(of: $0).sorted() }
        var owners = [AccountPackages.Owner(
            account: principal.user, role: nil, lowerIDs: try await owned(principal.user.key))]
        var names = [principal.user.key: principal.user.name]
        for (key, role) in principal.memberships.sorted(by: { $0.key < $1.key }) {
            guard let organization = try await store.user(key: key), !organization.isDeleted else { continue }
            names[key] = organization.name
            owners.append(AccountPackages.Owner(
                account: organization, role: role, lowerIDs: try await owned(key)))
        }
        let reservations: [(reservation: PrefixReservation, ownerNames: [String])] = try await store.reservations()
            .filter { !Set($0.ownerKeys).isDisjoint(with: names.keys) }
            .sorted { $0.lowerPattern < $1.lowerPattern }
            .map { reservation in (reservation: reservation, ownerNames: reservation.ownerKeys.compactMap { names[$0] }.sorted()) }
        return AccountPackages(owners: owners, reservations: reservations)
    }
}
