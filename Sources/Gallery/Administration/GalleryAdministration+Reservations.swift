import Foundation

extension GalleryAdministration {
    /// Reserves `pattern` (`Contoso.`, `Contoso.*` or an exact id) for an account, or adds the account to the
    /// owners of an existing reservation (and sets its open flag). Ids already under it are re-indexed so
    /// their verified mark is current.
    @discardableResult
    public func reservePrefix(_ pattern: String, ownerName: String, isOpen: Bool = false, actor: String = AuditLog.adminCLI) async throws -> PrefixReservation {
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
        try await store.saveReservation(reservation)
        try await audit.record(
            actor: actor, action: "prefix.reserved", target: "prefix \(reservation.pattern)",
            details: "owner \(owner.name)\(isOpen ? "; open" : "")"
        )
        try await reindexCovered(by: reservation)
        return reservation
    }

    /// Releases a reservation (all its owners). 404 when there is none.
    public func releasePrefix(_ pattern: String, actor: String = AuditLog.adminCLI) async throws {
        let lower = PrefixReservation.lower(pattern)
        guard let reservation = try await store.reservations().first(where: { $0.lowerPattern == lower }) else {
            throw GalleryError.notFound("There is no ID prefix reservation '\(pattern)'.")
        }
        _ = try await store.deleteReservation(lowerPattern: lower)
        try await audit.record(actor: actor, action: "prefix.released", target: "prefix \(reservation.pattern)")
        try await reindexCovered(by: reservation)
    }

    /// Every reservation.
    public func reservations() async throws -> [PrefixReservation] {
        try await store.reservations()
    }

    /// Removes one owner from a reservation; a reservation left without owners is released.
    func releaseReservations(of account: User, actor: String) async throws {
        for var reservation in try await store.reservations() where reservation.ownerKeys.contains(account.key) {
            reservation.ownerKeys.removeAll { $0 == account.key }
            if reservation.ownerKeys.isEmpty {
                _ = try await store.deleteReservation(lowerPattern: reservation.lowerPattern)
                try await audit.record(actor: actor, action: "prefix.released", target: "prefix \(reservation.pattern)", details: "last owner \(account.name) deleted")
            } else {
                try await store.saveReservation(reservation)
                try await audit.record(actor: actor, action: "prefix.owner-removed", target: "prefix \(reservation.pattern)", details: account.name)
            }
            try await reindexCovered(by: reservation)
        }
    }

    /// Re-indexes the known ids a reservation covers (their verified mark may have changed).
    func reindexCovered(by reservation: PrefixReservation) async throws {
        let ids = Set(try await store.allAvailableVersions().map(\.lowerID)).filter(reservation.covers)
        try await store.markDirty(Array(ids))
        try await publish(Array(ids))
    }
}
