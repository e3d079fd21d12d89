public import Foundation
public import Gallery

/// Every metadata store protocol in memory: the twin of `SQLMetadataStore` for domain tests that need no
/// database. One actor holds the state; a write works on a copy and commits it whole, so a failing write
/// (or `apply`) changes nothing, as a rolled-back transaction.
///
/// Keys, uniqueness and casing follow the SQL schema: lower id + lower version is unique, names and
/// secret hashes are unique (names in every casing), catalog sequences are dense from 0, audit sequences
/// grow from 1. The store's clock (render marks and leases) is the injected `clock`.
public actor InMemoryMetadataStore: MetadataStore {
    var state = InMemoryState()
    let clock: any GalleryClock
    private var isClosed = false

    /// An empty store reading time from `clock`.
    public init(clock: any GalleryClock = SystemClock()) {
        self.clock = clock
    }

    public func migrate() async throws { try requireOpen() }

    /// Later calls fail with `StoreError.unavailable`, as on a closed database.
    public func shutdown() async throws { isClosed = true }

    func requireOpen() throws {
        if isClosed { throw StoreError.unavailable("The metadata store is shut down.") }
    }

    /// Reads the state.
    func read<R>(_ body: (InMemoryState) throws -> R) throws -> R {
        try requireOpen()
        return try body(state)
    }

    /// Runs `body` on a copy of the state and keeps the copy only when it returns: all of a write, or none.
    func write<R>(_ body: (inout InMemoryState) throws -> R) throws -> R {
        try requireOpen()
        var copy = state
        let result = try body(&copy)
        state = copy
        return result
    }

    /// The store clock in microseconds since 1970 (render marks and render leases).
    var nowMicroseconds: Int64 { Int64((clock.now().timeIntervalSince1970 * 1_000_000).rounded(.down)) }
}

/// The tables of the in-memory store.
struct InMemoryState: Sendable {
    struct VersionRow: Sendable {
        var record: PackageVersionRecord
        var lease: ClaimLease?
    }
    struct DirtyRow: Sendable {
        var generation: Int64 = 0
        var renderedGeneration: Int64 = 0
        var touched: Int64 = 0
        var renderLease: Int64 = 0
        /// The paths the id's last render wrote (`finishRender`).
        var manifest: [String]?
    }

    /// Lower id → the id as first pushed.
    var packages: [String: String] = [:]
    var versions: [PackageVersionKey: VersionRow] = [:]
    var catalog: [CatalogEntry] = []
    var dirty: [String: DirtyRow] = [:]
    var settings: [String: String] = [:]
    var users: [Int64: User] = [:]
    var apiKeys: [Int64: APIKeyRecord] = [:]
    var memberships: [Membership] = []
    /// Lower id → owner account keys.
    var owners: [String: Set<Int64>] = [:]
    /// Lower pattern → reservation.
    var reservations: [String: PrefixReservation] = [:]
    var audit: [AuditEvent] = []
    /// Downloads per lower id, per day (days since 1970 UTC), per lower version.
    var downloadDays: [String: [Int64: [String: Int64]]] = [:]
    /// Known vulnerabilities (`AdvisoryStore`).
    var advisories: [Advisory] = []
    /// Trusted-publishing policies by key, and exchanged token ids with their expiry (`TrustedPublishingStore`).
    var publishingPolicies: [Int64: TrustedPublishingPolicy] = [:]
    var usedTokenIDs: [String: Date] = [:]
    var nextPolicyKey: Int64 = 1
    /// Passwords and email marks by user key, web sessions by id hash (`WebAccountStore`).
    var credentials: [Int64: UserCredentials] = [:]
    var webSessions: [String: WebSessionRecord] = [:]
    var accountTokens: [String: AccountToken] = [:]
    /// Schema step 9 (InMemoryMetadataStore+AccountSecurity.swift).
    var accountSecurity = AccountSecurityState()
    // Schema step 10: pending invitations, by (lower id, account) and (organization, user).
    var ownershipRequests: [String: OwnershipRequest] = [:]
    var membershipRequests: [String: MembershipRequest] = [:]
    /// Support requests, package locks, account flags (`SupportDeskStore`).
    var desk = InMemoryDeskTables()
    var externalLogins = ExternalLoginState()
    var nextUserKey: Int64 = 1
    var nextAPIKey: Int64 = 1

    mutating func appendCatalogEntry(_ entry: CatalogEntry) {
        var stored = entry
        stored.sequence = Int64(catalog.count)
        // As the SQL store: the stored stamp never goes back, so a mirror's cursor never skips an entry.
        // In whole microseconds, as the SQL store keeps them (adding 1e-6 to a Date can round back down).
        func microseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
        if let latest = catalog.last?.commitTimeStamp, microseconds(stored.commitTimeStamp) <= microseconds(latest) {
            stored.commitTimeStamp = Date(timeIntervalSince1970: Double(microseconds(latest) + 1) / 1_000_000)
        }
        catalog.append(stored)
    }

    mutating func markDirty(_ lowerIDs: [String], now: Int64) {
        for lowerID in Set(lowerIDs) {
            var row = dirty[lowerID] ?? DirtyRow()
            row.generation += 1
            row.touched = now
            dirty[lowerID] = row
        }
    }

    mutating func appendAudit(_ events: [AuditEvent]) {
        for event in events {
            var stored = event
            stored.sequence = Int64(audit.count + 1)
            audit.append(stored)
        }
    }

    /// Refuses a change that names an account that does not exist, as the SQL schema's foreign keys do.
    func requireAccounts(_ keys: [Int64]) throws {
        for key in keys where users[key] == nil {
            throw InMemoryStoreError.unknownAccount(key)
        }
    }

    mutating func apply(_ change: AccountChange, now: Int64) throws {
        switch change {
        case .updateUser(let user):
            guard var stored = users[user.key] else { return }
            stored.email = user.email
            stored.isSiteAdmin = user.isSiteAdmin
            stored.kind = user.kind
            stored.isDeleted = user.isDeleted
            users[user.key] = stored
        case .setMembership(let membership):
            try requireAccounts([membership.organizationKey, membership.userKey])
            memberships.removeAll { $0.organizationKey == membership.organizationKey && $0.userKey == membership.userKey }
            memberships.append(membership)
        case .removeMembership(let organizationKey, let userKey):
            memberships.removeAll { $0.organizationKey == organizationKey && $0.userKey == userKey }
        case .updateAPIKey(let record):
            guard var stored = apiKeys[record.key] else { return }
            stored.secretHash = record.secretHash
            stored.revoked = record.revoked
            stored.expires = record.expires
            stored.created = record.created
            stored.expiryReminderSent = record.expiryReminderSent
            stored.globs = record.globs
            stored.packageIDs = record.packageIDs
            apiKeys[record.key] = stored
        case .deleteAPIKey(let key):
            apiKeys[key] = nil
        case .addOwner(let accountKey, let lowerID):
            try requireAccounts([accountKey])
            owners[lowerID, default: []].insert(accountKey)
        case .removeOwner(let accountKey, let lowerID):
            owners[lowerID]?.remove(accountKey)
            if owners[lowerID]?.isEmpty == true { owners[lowerID] = nil }
        case .saveReservation(let reservation):
            try requireAccounts(reservation.ownerKeys)
            var stored = reservation
            stored.ownerKeys = Set(reservation.ownerKeys).sorted()
            if let existing = reservations[reservation.lowerPattern] {
                // As `ON CONFLICT DO UPDATE SET is_open`: the first spelling and creation time stay.
                stored.pattern = existing.pattern
                stored.created = existing.created
            }
            reservations[reservation.lowerPattern] = stored
        case .deleteReservation(let lowerPattern):
            reservations[lowerPattern] = nil
        case .saveOwnershipRequest(let request):
            try requireAccounts([request.accountKey, request.requesterKey])
            ownershipRequests["\(request.lowerID) \(request.accountKey)"] = request
        case .deleteOwnershipRequest(let lowerID, let accountKey):
            ownershipRequests["\(lowerID) \(accountKey)"] = nil
        case .saveMembershipRequest(let request):
            try requireAccounts([request.organizationKey, request.userKey, request.requesterKey])
            membershipRequests["\(request.organizationKey) \(request.userKey)"] = request
        case .deleteMembershipRequest(let organizationKey, let userKey):
            membershipRequests["\(organizationKey) \(userKey)"] = nil
        case .markDirty(let lowerIDs):
            markDirty(lowerIDs, now: now)
        case .audit(let event):
            appendAudit([event])
        }
    }
}

/// What the in-memory store refuses where SQL would fail a constraint.
public enum InMemoryStoreError: Error, Sendable, Equatable {
    /// A change names an account key no account has (a foreign-key violation in SQL).
    case unknownAccount(Int64)
}
