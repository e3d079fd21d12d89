import Foundation

extension GalleryAdministration {
    /// Removes one owner from a reservation; the last owner cannot be removed (release the reservation instead).
    /// Site admins only; the covered ids are re-rendered (their verified mark may change).
    public func removeReservationOwner(_ pattern: String, ownerName: String, by principal: Principal) async throws {
        try authorizer.check(principal, .reservePrefixes)
        let lower = PrefixReservation.lower(pattern)
        guard var reservation = try await store.reservations().first(where: { $0.lowerPattern == lower }) else {
            throw GalleryError.notFound("There is no ID prefix reservation '\(pattern)'.")
        }
        let owner = try await accounts.account(named: ownerName)
        guard reservation.ownerKeys.contains(owner.key) else {
            throw GalleryError.badRequest("'\(owner.name)' is not an owner of '\(reservation.pattern)'.")
        }
        guard reservation.ownerKeys.count > 1 else {
            throw GalleryError.badRequest("'\(owner.name)' is the last owner of '\(reservation.pattern)': release the reservation instead.")
        }
        reservation.ownerKeys.removeAll { $0 == owner.key }
        let covered = try await idsCovered(by: reservation)
        try await store.apply([
            .saveReservation(reservation),
            .markDirty(covered),
            audit.event(principal, "prefix.owner-removed", target: "prefix \(reservation.pattern)", details: owner.name),
        ])
        try await publish(covered)
    }
}
