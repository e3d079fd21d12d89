public import Foundation

/// The outcome of claiming a package version number.
public enum ClaimOutcome: Sendable, Equatable {
    /// The number was free and is now held by a pending row.
    case claimed
    /// A row (pending, available or deleted) already has this lower id + normalized version.
    case alreadyExists
}

/// Everything Pallet remembers apart from blobs. SQLite by default, PostgreSQL for scale-out.
///
/// Write methods that change what readers see also mark the id dirty in the same transaction,
/// so a crash between the write and the re-render is repaired at the next start.
/// Ids are passed lowercased; versions as `lower(norm(v))`.
public protocol MetadataStore: DeprecationStore, AdvisoryStore {
    /// Creates or upgrades the schema. Idempotent; safe while another process uses the store.
    func migrate() async throws
    /// Closes connections; the store is unusable afterwards.
    func shutdown() async throws

    // MARK: Package versions

    /// Claims an id+version with a `pending` row. The unique key decides races between pushes.
    /// When the id is new, `owner` becomes its first owner.
    func claimVersion(_ record: PackageVersionRecord, owner: Int64?) async throws -> ClaimOutcome
    /// Turns a pending claim into an available version, appends `catalogEntry` and marks the id dirty, in one transaction.
    func publishClaim(_ key: PackageVersionKey, catalogEntry: CatalogEntry) async throws
    /// Drops a pending claim whose blobs could not be stored.
    func abandonClaim(_ key: PackageVersionKey) async throws
    /// Pending claims created before `date` (left by a crash).
    func pendingClaims(createdBefore date: Date) async throws -> [PackageVersionRecord]
    /// Changes `listed` (and `published`/`lastEdited`), appends `catalogEntry`, marks the id dirty.
    /// Returns the updated record, or nil when no available version has that key.
    func setListed(_ listed: Bool, _ key: PackageVersionKey, at date: Date, catalogEntry: @escaping @Sendable (PackageVersionRecord) throws -> CatalogEntry) async throws -> PackageVersionRecord?
    /// Every available version (listed and unlisted) of one id, in no particular order.
    func versions(ofLowerID lowerID: String) async throws -> [PackageVersionRecord]
    /// One version in any state, or nil.
    func version(_ key: PackageVersionKey) async throws -> PackageVersionRecord?
    /// Every available version of every package (loads the search index at start).
    func allAvailableVersions() async throws -> [PackageVersionRecord]
    /// Adds buffered download counts.
    func addDownloads(_ counts: [PackageVersionKey: Int64]) async throws

    // MARK: Rendering bookkeeping

    /// Ids whose documents must be re-rendered.
    func dirtyLowerIDs() async throws -> [String]
    /// Marks ids dirty (for example after the base URL changed).
    func markDirty(_ lowerIDs: [String]) async throws
    /// Clears the dirty mark if it was not set again after `generation` was read.
    func clearDirty(_ lowerID: String, generation: Int64) async throws
    /// The current dirty generation of an id (0 when clean).
    func dirtyGeneration(_ lowerID: String) async throws -> Int64
    /// The id's mark count whether it is dirty or clean (0 when never marked). A renderer compares it
    /// before and after writing to notice a change that landed meanwhile.
    func renderGeneration(_ lowerID: String) async throws -> Int64
    /// Marks touched (marked dirty or rendered) after `after`, in the database's clock (µs since 1970),
    /// with that clock's current reading: how nodes sharing one database see each other's writes.
    func renderMarks(touchedAfter after: Int64) async throws -> RenderMarks
    /// Takes the render lease of a dirty id for `leaseSeconds`; false when it is clean or another process
    /// holds an unexpired lease. Rendering the id and `clearDirty` release it.
    func claimRender(_ lowerID: String, leaseSeconds: Int) async throws -> Bool
    /// A small key/value table for installation facts (schema version, base URL used by rendered documents).
    func setting(_ name: String) async throws -> String?
    func setSetting(_ name: String, _ value: String) async throws

    // MARK: Catalog

    /// Number of catalog items.
    func catalogCount() async throws -> Int64
    /// The items of one page (sequence / pageSize), ascending.
    func catalogEntries(page: Int64) async throws -> [CatalogEntry]
    /// The newest commit time stamp, if any.
    func latestCatalogTimeStamp() async throws -> Date?

    // MARK: Accounts

    func createUser(_ user: User) async throws -> User
    func user(named name: String) async throws -> User?
    func user(key: Int64) async throws -> User?
    func createAPIKey(_ record: APIKeyRecord) async throws -> APIKeyRecord
    func apiKey(secretHash: String) async throws -> APIKeyRecord?
    /// Owner account keys (users or organizations) of a package id (empty for an unknown id).
    func owners(ofLowerID lowerID: String) async throws -> [Int64]
    func addOwner(_ userKey: Int64, toLowerID lowerID: String) async throws

    // MARK: Identity (organizations, keys, owners, reservations, audit)

    /// Rewrites an account's email, site-admin flag, kind and deleted mark (names never change).
    func updateUser(_ user: User) async throws
    /// The organizations a user belongs to.
    func memberships(ofUser userKey: Int64) async throws -> [Membership]
    /// The members of an organization.
    func members(ofOrganization organizationKey: Int64) async throws -> [Membership]
    /// Adds a member or changes its role.
    func setMembership(_ membership: Membership) async throws
    /// Removes a membership (no-op when absent).
    func removeMembership(organizationKey: Int64, userKey: Int64) async throws
    /// One key by its numeric key, or nil.
    func apiKey(key: Int64) async throws -> APIKeyRecord?
    /// Keys created by, or acting for, an account (revoked ones too), oldest first.
    func apiKeys(involving accountKey: Int64) async throws -> [APIKeyRecord]
    /// Rewrites a key's hash, revoked flag, expiry and reminder mark.
    func updateAPIKey(_ record: APIKeyRecord) async throws
    /// Sets a key's reminder mark; true only for the caller that changed it (the reminder is mailed once).
    func claimExpiryReminder(_ key: Int64) async throws -> Bool
    /// Unrevoked keys expiring in `from..<to` whose reminder has not been sent.
    func apiKeysExpiring(from: Date, to: Date) async throws -> [APIKeyRecord]
    /// Removes one owner of an id (no-op when absent); marks the id dirty.
    func removeOwner(_ accountKey: Int64, fromLowerID lowerID: String) async throws
    /// The lower ids an account owns.
    func ownedLowerIDs(of accountKey: Int64) async throws -> [String]
    /// Every prefix reservation with its owners.
    func reservations() async throws -> [PrefixReservation]
    /// Creates or replaces the reservation with the same lower pattern.
    func saveReservation(_ reservation: PrefixReservation) async throws
    /// Deletes a reservation by lower pattern; false when there was none.
    func deleteReservation(lowerPattern: String) async throws -> Bool
    /// Appends to the audit log.
    func appendAudit(_ event: AuditEvent) async throws
    /// Audit events at or after `since` (all when nil), oldest first.
    func auditEvents(since: Date?) async throws -> [AuditEvent]
    /// Hard delete (site admins only): the row stays as `deleted` so the number is never reused;
    /// appends the `PackageDelete` entry and marks the id dirty. False when no available version has `key`.
    func deleteVersion(_ key: PackageVersionKey, at date: Date, catalogEntry: CatalogEntry) async throws -> Bool

    /// Applies every change in one transaction: all of them are committed, or none.
    func apply(_ changes: [AccountChange]) async throws
}

extension MetadataStore {
    /// Applies the changes one by one (not atomic): a fallback until each store commits them together.
    public func apply(_ changes: [AccountChange]) async throws {
        for change in changes {
            switch change {
            case .updateUser(let user): try await updateUser(user)
            case .setMembership(let membership): try await setMembership(membership)
            case .removeMembership(let organizationKey, let userKey):
                try await removeMembership(organizationKey: organizationKey, userKey: userKey)
            case .updateAPIKey(let record): try await updateAPIKey(record)
            case .addOwner(let accountKey, let lowerID): try await addOwner(accountKey, toLowerID: lowerID)
            case .removeOwner(let accountKey, let lowerID): try await removeOwner(accountKey, fromLowerID: lowerID)
            case .saveReservation(let reservation): try await saveReservation(reservation)
            case .deleteReservation(let lowerPattern): _ = try await deleteReservation(lowerPattern: lowerPattern)
            case .markDirty(let lowerIDs): try await markDirty(lowerIDs)
            case .audit(let event): try await appendAudit(event)
            }
        }
    }
}

/// One id's render bookkeeping as another node sees it.
public struct RenderMark: Sendable, Equatable {
    public let lowerID: String
    /// Marks so far; the id is dirty while this is ahead of `renderedGeneration`.
    public let generation: Int64
    public let renderedGeneration: Int64
    /// When it was last marked or rendered, in the database's clock (µs since 1970).
    public let touched: Int64

    public init(lowerID: String, generation: Int64, renderedGeneration: Int64, touched: Int64) {
        self.lowerID = lowerID
        self.generation = generation
        self.renderedGeneration = renderedGeneration
        self.touched = touched
    }

    /// Whether the documents in the blob store reflect every mark.
    public var isRendered: Bool { renderedGeneration >= generation }
}

/// The answer of `renderMarks(touchedAfter:)`.
public struct RenderMarks: Sendable {
    public let marks: [RenderMark]
    /// The database's clock when the marks were read (µs since 1970).
    public let now: Int64

    public init(marks: [RenderMark], now: Int64) {
        self.marks = marks
        self.now = now
    }
}

/// Errors every store maps its driver errors to.
public enum StoreError: Error, Sendable, Equatable {
    /// A unique constraint refused the write.
    case alreadyExists(String)
    /// The database cannot be reached.
    case unavailable(String)
}
