import Foundation

extension GalleryAdministration {
    /// Reserves `pattern` (`Contoso.`, `Contoso.*` or an exact id) for an account, or adds the account to the
    /// owners of an existing reservation (and sets its open flag). Ids already under it are re-rendered and
    /// re-indexed so their verified mark is current. Site admins only.
    @discardableResult
    public func reservePrefix(_ pattern: String, ownerName: String, isOpen: Bool = false, by principal: Principal) async throws -> PrefixReservation {
        try authorizer.check(principal, .reservePrefixes)
        let trimmed = pattern.hasSuffix("*") ? String(pattern.dropLast()) : pattern
        guard !trimmed.isEmpty, trimmed.count <= 100,
              trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
              trimmed.first?.isLetter == true || trimmed.first?.isNumber == true || trimmed.first == "_" else {
            throw GalleryError.badRequest("'\(pattern)' is not a valid ID prefix: use an id such as Contoso.Utils or a prefix such as Contoso.")
        }
        let owner = try await accounts.account(named: ownerName)
        let lower = PrefixReservation.lower(pattern)
        var reservation = try await store.reservations().first { $0.lowerPattern == lower }
            ?? PrefixReservation(pattern: pattern, ownerKeys: [], created: clock.now())
        reservation.isOpen = isOpen
        if !reservation.ownerKeys.contains(owner.key) { reservation.ownerKeys.append(owner.key) }
        let covered = try await idsCovered(by: reservation)
        try await store.apply([
            .saveReservation(reservation),
            .markDirty(covered),
            audit.event(principal, "prefix.reserved", target: "prefix \(reservation.pattern)", details: "owner \(owner.name)\(isOpen ? "; open" : "")"),
        ])
        try await publish(covered)
        return reservation
    }

    /// Releases a reservation (all its owners). 404 when there is none. Site admins only.
    public func releasePrefix(_ pattern: String, by principal: Principal) async throws {
        try authorizer.check(principal, .reservePrefixes)
        let lower = PrefixReservation.lower(pattern)
        guard let reservation = try await store.reservations().first(where: { $0.lowerPattern == lower }) else {
            throw GalleryError.notFound("There is no ID prefix reservation '\(pattern)'.")
        }
        let covered = try await idsCovered(by: reservation)
        try await store.apply([
            .deleteReservation(lowerPattern: lower),
            .markDirty(covered),
            audit.event(principal, "prefix.released", target: "prefix \(reservation.pattern)"),
        ])
        try await publish(covered)
    }

    /// Every reservation.
    public func reservations() async throws -> [PrefixReservation] {
        try await store.reservations()
    }

    /// The changes that take a deleted account out of its reservations (a reservation left without owners is
    /// released), and the ids whose verified mark may change.
    func releasingReservations(of account: User, by principal: Principal) async throws -> ([AccountChange], [String]) {
        var changes: [AccountChange] = []
        var covered: Set<String> = []
        for var reservation in try await store.reservations() where reservation.ownerKeys.contains(account.key) {
            reservation.ownerKeys.removeAll { $0 == account.key }
            if reservation.ownerKeys.isEmpty {
                changes.append(.deleteReservation(lowerPattern: reservation.lowerPattern))
                changes.append(audit.event(principal, "prefix.released", target: "prefix \(reservation.pattern)", details: "last owner \(account.name) deleted"))
            } else {
                changes.append(.saveReservation(reservation))
                changes.append(audit.event(principal, "prefix.owner-removed", target: "prefix \(reservation.pattern)", details: account.name))
            }
            covered.formUnion(try await idsCovered(by: reservation))
        }
        return (changes, covered.sorted())
    }

    /// The known lower ids a reservation covers (their verified mark depends on it).
    func idsCovered(by reservation: PrefixReservation) async throws -> [String] {
        Set(try await store.allAvailableVersions().map(\.lowerID)).filter(reservation.covers).sorted()
    }
}
