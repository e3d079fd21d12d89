public import Foundation

/// The package versions: claims, publishing, listing, hard deletes, downloads.
///
/// Writes that change what readers see append their catalog entry, mark the id dirty and append the audit
/// events they are given, all in one transaction, so a crash between the write and the re-render is repaired
/// at the next start and no change is ever unrecorded. Ids are passed lowercased; versions as `lower(norm(v))`.
/// The domain decides every value written (the store applies no rule of its own).
public protocol PackageVersionStore: Sendable {
    /// Claims an id+version with a `pending` row held by `lease`. The unique key decides races between pushes.
    /// A pending row whose lease expired at or before `now` is taken over (`.tookOver`), in the same atomic step.
    /// When the id is new, `owner` becomes its first owner.
    func claimVersion(_ record: PackageVersionRecord, owner: Int64?, lease: ClaimLease, now: Date) async throws -> ClaimOutcome
    /// Extends the claim held by `lease.token` to `lease.expires`; false when the claim is no longer this push's.
    func renewClaim(_ key: PackageVersionKey, lease: ClaimLease) async throws -> Bool
    /// Turns the pending claim held by `token` into an available version, appends `catalogEntry` and `audit`,
    /// and marks the id dirty, in one transaction. False (nothing written) when the claim is not held by `token`.
    func publishClaim(_ key: PackageVersionKey, token: String, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool
    /// Drops a pending claim (held by `token`, or by anyone when nil) and, when no other version uses the id,
    /// the id with its owners.
    func abandonClaim(_ key: PackageVersionKey, token: String?) async throws
    /// Pending claims whose lease expired before `date` (a claim without a lease counts from its creation).
    func pendingClaims(expiredBefore date: Date) async throws -> [PendingClaim]
    /// Lists or unlists an available version: locks it, asks `change` for the record to store (listed, published,
    /// lastEdited) and the catalog entry about it, writes both with `audit`, marks the id dirty.
    /// Returns the stored record, or nil when no available version has that key.
    func updateListing(
        _ key: PackageVersionKey, audit: [AuditEvent],
        _ change: @escaping @Sendable (PackageVersionRecord) throws -> (record: PackageVersionRecord, entry: CatalogEntry)
    ) async throws -> PackageVersionRecord?
    /// Hard delete (site admins only): the row stays as `deleted` so the number is never reused;
    /// appends the `PackageDelete` entry and `audit`, marks the id dirty. False when no available version has `key`.
    func deleteVersion(_ key: PackageVersionKey, at date: Date, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool
    /// Every available version (listed and unlisted) of one id, in no particular order.
    func versions(ofLowerID lowerID: String) async throws -> [PackageVersionRecord]
    /// One version in any state, or nil.
    func version(_ key: PackageVersionKey) async throws -> PackageVersionRecord?
    /// Every available version of every package (loads the search index at start).
    func allAvailableVersions() async throws -> [PackageVersionRecord]
    /// Every available version of the first `idLimit` ids (having available versions) whose lower id sorts
    /// after `lowerID` (from the start when nil), ordered by lower id: start-up pages through the table with
    /// it, holding one page of rows at a time instead of all of them. Pass the last record's `lowerID` of a
    /// page to read the next; an empty answer is the end.
    func availableVersions(afterLowerID lowerID: String?, idLimit: Int) async throws -> [PackageVersionRecord]
    /// What the in-memory views keep of the available versions of the same ids `availableVersions(afterLowerID:idLimit:)`
    /// answers, ordered by lower id then lower version, without decoding their metadata (SQL stores read the texts from
    /// a column of their own, schema step 12). Consecutive versions of an id whose texts are equal share one
    /// `VersionTexts`. Start-up pages through every version with it.
    func versionSummaries(afterLowerID lowerID: String?, idLimit: Int) async throws -> [VersionSummary]
    /// The records of `keys` in any state, in no particular order; keys without a version are left out. Reads what
    /// the in-memory views do not keep: a V2 page's entries, the latest versions search displays.
    func versions(_ keys: [PackageVersionKey]) async throws -> [PackageVersionRecord]
    /// Adds buffered download counts; keys without a version are ignored.
    func addDownloads(_ counts: [PackageVersionKey: Int64]) async throws
}
