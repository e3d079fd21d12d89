import Foundation

/// Keeps a push's claim alive while its blobs are stored: a child task renews the lease every third of its
/// length, so only a push that died (or stalled for a whole lease) can have its claim taken over.
struct ClaimRenewal: Sendable {
    let store: any PackageVersionStore
    let clock: any GalleryClock
    let leaseLength: TimeInterval
    /// Whether `whileRenewing` also renews on a real-time timer (see `PackageGallery.init`'s `renewsClaimsOnTimer`).
    var onTimer = true

    /// A new lease for a push starting now.
    func newLease() -> ClaimLease {
        ClaimLease(token: UUID().uuidString.lowercased(), expires: clock.now().addingTimeInterval(leaseLength))
    }

    /// Renews the lease now; throws `ClaimLost` when another push took the claim over (or it was swept).
    /// Called before each blob write, so a push that stalled past its lease stops before overwriting the
    /// blobs of the push that took over (only a write already under way can still land).
    func confirm(_ key: PackageVersionKey, _ lease: ClaimLease) async throws {
        let renewed = ClaimLease(token: lease.token, expires: clock.now().addingTimeInterval(leaseLength))
        guard try await store.renewClaim(key, lease: renewed) else { throw ClaimLost(key: key) }
    }

    /// `confirm` only when the lease may have lapsed: a lease with more than two thirds of its length left was
    /// taken or renewed a moment ago, and no other push can take a claim over before its lease lapsed, so the
    /// database round trip would tell nothing (the usual push stores its blobs in milliseconds). A stalled push
    /// still checks before its next write. Other nodes' clocks may run ahead by up to a third of the lease.
    func confirmIfStale(_ key: PackageVersionKey, _ lease: ClaimLease) async throws {
        guard lease.expires.timeIntervalSince(clock.now()) <= leaseLength * 2 / 3 else { return }
        try await confirm(key, lease)
    }

    /// Runs `body` while renewing `lease`; fails with `ClaimLost` (cancelling `body`) when a renewal finds
    /// the claim no longer held by this push.
    func whileRenewing(_ key: PackageVersionKey, _ lease: ClaimLease, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let store = self.store
        let clock = self.clock
        let length = leaseLength
        guard onTimer else { return try await body() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while true {
                    // Renewal pacing is real time on purpose: it keeps the lease ahead of the injected clock's
                    // reading for as long as the upload really runs.
                    try await Task.sleep(for: .seconds(max(0.05, length / 3)))
                    let renewed = ClaimLease(token: lease.token, expires: clock.now().addingTimeInterval(length))
                    // A failed renewal (database briefly down) is retried at the next tick: the lease still runs.
                    if (try? await store.renewClaim(key, lease: renewed)) == false { throw ClaimLost(key: key) }
                }
            }
            // The body finishing (or either task failing) ends the renewals.
            try await group.next()
            group.cancelAll()
        }
    }
}

/// A push's claim was taken over (its lease lapsed) or swept before it published.
struct ClaimLost: Error {
    let key: PackageVersionKey
}
