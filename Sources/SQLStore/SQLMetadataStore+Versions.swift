public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Inserts a `pending` row whatever `record.state` says, or takes over a pending row whose lease lapsed.
    /// The primary key (lower id, lower version) decides races: of two concurrent claims exactly one holds the
    /// number (PostgreSQL re-checks the takeover's `WHERE` after a concurrent writer commits).
    public func claimVersion(_ record: PackageVersionRecord, owner: Int64?, lease: ClaimLease, now: Date) async throws -> ClaimOutcome {
        let insert = try PackageVersionRow.insert(record, state: .pending, lease: lease, ifAbsent: true)
        let takeOver = try PackageVersionRow.takeOver(record, lease: lease, now: now)
        let dialect = self.dialect
        return try await write { db in
            try await Self.lockPackage(record.lowerID, exclusively: false, in: db, dialect: dialect)
            // DO NOTHING + RETURNING tells whether this claim created the id, without a unique
            // violation when another push of a different version creates it concurrently.
            let created = try await db.raw("""
                INSERT INTO packages (lower_id, id, created)
                VALUES (\(bind: record.lowerID), \(bind: record.id), \(bind: StoreDate.microseconds(record.created)))
                ON CONFLICT (lower_id) DO NOTHING
                RETURNING lower_id
                """).first()
            if try await db.raw(insert).first() != nil {
                if created != nil, let owner {
                    try await Self.insertOwner(owner, lowerID: record.lowerID, in: db)
                }
                return .claimed
            }
            return try await db.raw(takeOver).first() != nil ? .tookOver : .alreadyExists
        }
    }

    /// Moves the lease's expiry, only while `lease.token` still holds the pending claim.
    public func renewClaim(_ key: PackageVersionKey, lease: ClaimLease) async throws -> Bool {
        try await writeStatement { db in
            try await db.raw("""
                UPDATE package_versions SET claim_expires = \(bind: StoreDate.microseconds(lease.expires))
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                    AND state = 'pending' AND claim_token = \(bind: lease.token)
                RETURNING lower_id
                """).first() != nil
        }
    }

    /// False (nothing written) when no pending claim held by `token` has `key`: it was taken over or swept.
    public func publishClaim(_ key: PackageVersionKey, token: String, catalogEntry: CatalogEntry, audit: [AuditEvent]) async throws -> Bool {
        let dialect = self.dialect
        return try await write { db in
            let updated = try await db.raw("""
                UPDATE package_versions SET state = 'available', catalog_leaf_path = \(bind: catalogEntry.leafPath),
                    claim_token = NULL, claim_expires = NULL
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion) AND state = 'pending'
                    AND claim_token = \(bind: token)
                RETURNING lower_id
                """).first()
            guard updated != nil else { return false }
            try await Self.appendCatalogEntry(catalogEntry, in: db, dialect: dialect)
            try await Self.markDirty([key.lowerID], in: db, dialect: dialect)
            try await Self.appendAudit(audit, in: db)
            return true
        }
    }

    /// Deletes the pending row, and the package row with its owners when no other version uses the id,
    /// so a failed first push leaves neither the number nor the id taken.
    public func abandonClaim(_ key: PackageVersionKey, token: String?) async throws {
        let dialect = self.dialect
        try await write { db in
            try await Self.lockPackage(key.lowerID, exclusively: true, in: db, dialect: dialect)
            var delete: SQLQueryString = """
                DELETE FROM package_versions
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion) AND state = 'pending'
                """
            if let token { delete += " AND claim_token = \(bind: token)" }
            try await db.raw(delete).run()
            let remaining = try await db.raw("""
                SELECT 1 AS present FROM package_versions WHERE lower_id = \(bind: key.lowerID) LIMIT 1
                """).first()
            if remaining == nil {
                try await db.raw("DELETE FROM package_owners WHERE lower_id = \(bind: key.lowerID)").run()
                try await db.raw("DELETE FROM packages WHERE lower_id = \(bind: key.lowerID)").run()
            }
        }
    }

    /// Pending claims whose lease lapsed before `date`, left by a push that crashed, for the sweeper
    /// (a claim without a lease lapses `ClaimLease.legacyLength` after its creation).
    public func pendingClaims(expiredBefore date: Date) async throws -> [PendingClaim] {
        try await read { db in
            let decoder = JSONDecoder()
            return try await db.raw("""
                SELECT \(unsafeRaw: PackageVersionRow.columns), claim_token, claim_expires FROM package_versions
                WHERE state = 'pending'
                    AND COALESCE(claim_expires, created + \(bind: PackageVersionRow.legacyLeaseMicroseconds)) < \(bind: StoreDate.microseconds(date))
                """).all().map { row in
                let record = try PackageVersionRow.decode(row, using: decoder)
                var lease: ClaimLease?
                if try !row.decodeNil(column: "claim_token"), try !row.decodeNil(column: "claim_expires") {
                    lease = ClaimLease(
                        token: try row.decode(column: "claim_token", as: String.self),
                        expires: StoreDate.date(try row.decode(column: "claim_expires", as: Int64.self)))
                }
                return PendingClaim(record: record, lease: lease)
            }
        }
    }

    /// Available versions (listed and unlisted) of one id; pending and deleted rows are left out.
    public func versions(ofLowerID lowerID: String) async throws -> [PackageVersionRecord] {
        try await read { db in
            try await PackageVersionRow.all("""
                SELECT \(unsafeRaw: PackageVersionRow.columns) FROM package_versions
                WHERE lower_id = \(bind: lowerID) AND state = 'available'
                """, in: db)
        }
    }

    /// One version in any state (pending, available or deleted), or nil.
    public func version(_ key: PackageVersionKey) async throws -> PackageVersionRecord? {
        try await read { db in
            try await PackageVersionRow.all("""
                SELECT \(unsafeRaw: PackageVersionRow.columns) FROM package_versions
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                """, in: db).first
        }
    }

    /// Every available version; decoded in parallel outside the connection lock.
    public func allAvailableVersions() async throws -> [PackageVersionRecord] {
        let rows = try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: PackageVersionRow.columns) FROM package_versions WHERE state = 'available'
                """).all()
        }
        return try await PackageVersionRow.decodeConcurrently(rows)
    }

    /// The available versions of the next `idLimit` ids after `lowerID`, by lower id (the database's order, so
    /// the caller's next page starts after this page's last row). The page's last id first, then a range of the
    /// primary key (as `versionSummaries`, whose comment says why not one statement).
    public func availableVersions(afterLowerID lowerID: String?, idLimit: Int) async throws -> [PackageVersionRecord] {
        let after = lowerID ?? ""
        let rows = try await read { db -> [any SQLRow] in
            let page = try await db.raw("""
                SELECT max(lower_id) AS last FROM (
                    SELECT DISTINCT lower_id FROM package_versions
                    WHERE state = 'available' AND lower_id > \(bind: after) ORDER BY lower_id LIMIT \(bind: idLimit)) AS page
                """).first()
            guard let page, try !page.decodeNil(column: "last") else { return [] }
            return try await db.raw("""
                SELECT \(unsafeRaw: PackageVersionRow.columns) FROM package_versions
                WHERE state = 'available' AND lower_id > \(bind: after) AND lower_id <= \(bind: try page.decode(column: "last", as: String.self))
                ORDER BY lower_id
                """).all()
        }
        return try await PackageVersionRow.decodeConcurrently(rows)
    }

    /// Adds every count in one transaction; keys without a row are ignored.
    public func addDownloads(_ counts: [PackageVersionKey: Int64]) async throws {
        guard !counts.isEmpty else { return }
        try await write { db in
            try await Self.addDownloadTotals(counts, in: db) { _, _ in }
        }
    }

    /// Adds each count to its version's total, then runs `alsoFor` for it, inside the caller's transaction.
    /// In key order, so two processes adding overlapping batches lock rows in the same order (no deadlock).
    static func addDownloadTotals(
        _ counts: [PackageVersionKey: Int64], in db: any SQLDatabase,
        alsoFor: (PackageVersionKey, Int64) async throws -> Void
    ) async throws {
        for (key, count) in counts.sorted(by: { ($0.key.lowerID, $0.key.lowerVersion) < ($1.key.lowerID, $1.key.lowerVersion) })
        where count != 0 {
            try await db.raw("""
                UPDATE package_versions SET downloads = downloads + \(bind: count)
                WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                """).run()
            try await alsoFor(key, count)
        }
    }

    /// Locks the id's `packages` row until the transaction ends (a no-op on SQLite, whose writers take turns):
    /// exclusively for an abandon, which may delete it; shared for a claim, so claims of one id do not wait
    /// for each other, only for an abandon.
    ///
    /// Without it, on PostgreSQL an abandon could delete the row between a concurrent claim's
    /// `ON CONFLICT DO NOTHING` and its version insert (a foreign-key error instead of a claim), or count
    /// the remaining versions before that claim commits.
    static func lockPackage(
        _ lowerID: String, exclusively: Bool, in db: any SQLDatabase, dialect: SQLDialectFeatures
    ) async throws {
        let clause = exclusively ? dialect.lockRowsForUpdate : dialect.lockRowsAgainstDelete
        guard !clause.isEmpty else { return }
        try await db.raw("SELECT lower_id FROM packages WHERE lower_id = \(bind: lowerID) \(unsafeRaw: clause)").run()
    }
}
