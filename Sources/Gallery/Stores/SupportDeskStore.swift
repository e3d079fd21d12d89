public import Foundation

/// The operators' desk: support requests, package locks and account flags (schema step 11).
public protocol SupportDeskStore: Sendable {
    /// Inserts a request with `audit` in one transaction; returns it with its key.
    func createSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws -> SupportRequest
    /// Rewrites a request's status, assignee, comments, resolution and `updated`, with `audit`.
    func updateSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws
    /// One request by key.
    func supportRequest(key: Int64) async throws -> SupportRequest?
    /// Every request, newest first.
    func supportRequests() async throws -> [SupportRequest]
    /// Whether a site admin locked the id.
    func isPackageLocked(lowerID: String) async throws -> Bool
    /// Every locked lower id.
    func lockedLowerIDs() async throws -> Set<String>
    /// Locks or unlocks an id, with `audit` and a dirty mark (the package page shows the lock), in one transaction.
    func setPackageLocked(lowerID: String, locked: Bool, at date: Date, audit: [AuditEvent]) async throws
    /// An account's flags (the defaults when never saved).
    func accountFlags(userKey: Int64) async throws -> AccountFlags
    /// Saves an account's flags with `audit`.
    func saveAccountFlags(_ flags: AccountFlags, audit: [AuditEvent]) async throws
    /// Live site-admin accounts, by key.
    func siteAdmins() async throws -> [User]
    /// Live accounts whose name or email contains `text` (case-insensitive), at most `limit`, by name.
    func findAccounts(matching text: String, limit: Int) async throws -> [User]
}
