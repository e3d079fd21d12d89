public import Foundation

/// The outcome of claiming a package version number.
public enum ClaimOutcome: Sendable, Equatable {
    /// The number was free and is now held by a pending row with this push's lease.
    case claimed
    /// A pending row held the number but its lease had lapsed (its push died or stalled): this push now holds it.
    case tookOver
    /// A row (pending with a live lease, available or deleted) already has this lower id + normalized version.
    case alreadyExists

    /// Whether this push now holds the claim.
    public var isHeld: Bool { self != .alreadyExists }
}

/// Who holds a pending claim, and until when.
///
/// A push renews its lease while it stores blobs; a claim whose lease lapsed belongs to a push that died
/// (or stalled), so a later push of the same id+version may take it over instead of answering 409.
public struct ClaimLease: Sendable, Equatable {
    /// Unique per push: every later write of the claim (renew, publish, abandon) must present it.
    public var token: String
    /// When the claim may be taken over unless renewed (the gallery's clock).
    public var expires: Date

    /// Creates a lease.
    public init(token: String, expires: Date) {
        self.token = token
        self.expires = expires
    }

    /// How long a claim without a lease (written by a Pallet from before leases, during a rolling upgrade)
    /// lasts from its creation: the pending-push timeout those versions used.
    public static let legacyLength: TimeInterval = 1_800
}

/// A pending claim as the sweeper sees it.
public struct PendingClaim: Sendable, Equatable {
    public var record: PackageVersionRecord
    /// The holder's lease; nil for a claim made before leases existed (it lapses `ClaimLease.legacyLength`
    /// after its creation).
    public var lease: ClaimLease?

    /// Creates a pending claim.
    public init(record: PackageVersionRecord, lease: ClaimLease?) {
        self.record = record
        self.lease = lease
    }
}
