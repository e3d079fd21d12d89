public import Foundation
public import Gallery

/// The tables of `SupportDeskStore` in memory.
struct InMemoryDeskTables: Sendable {
    var requests: [Int64: SupportRequest] = [:]
    var nextRequestKey: Int64 = 1
    var lockedLowerIDs: Set<String> = []
    var accountFlags: [Int64: AccountFlags] = [:]
}

extension InMemoryMetadataStore {
    public func createSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws -> SupportRequest {
        try write { state in
            try state.requireAccounts([request.reporterKey, request.assigneeKey].compactMap { $0 })
            var stored = request
            stored.key = state.desk.nextRequestKey
            state.desk.nextRequestKey += 1
            state.desk.requests[stored.key] = stored
            state.appendAudit(audit.map { var e = $0; e.target = e.target.replacingOccurrences(of: "#new", with: "#\(stored.key)"); return e })
            return stored
        }
    }

    public func updateSupportRequest(_ request: SupportRequest, audit: [AuditEvent]) async throws {
        try write { state in
            guard var stored = state.desk.requests[request.key] else { return }
            try state.requireAccounts([request.assigneeKey].compactMap { $0 })
            stored.status = request.status
            stored.assigneeKey = request.assigneeKey
            stored.comments = request.comments
            stored.resolution = request.resolution
            stored.updated = request.updated
            state.desk.requests[request.key] = stored
            state.appendAudit(audit)
        }
    }

    public func supportRequest(key: Int64) async throws -> SupportRequest? {
        try read { $0.desk.requests[key] }
    }

    public func supportRequests() async throws -> [SupportRequest] {
        try read { state in
            state.desk.requests.values.sorted { ($0.created, $0.key) > ($1.created, $1.key) }
        }
    }

    public func isPackageLocked(lowerID: String) async throws -> Bool {
        try read { $0.desk.lockedLowerIDs.contains(lowerID) }
    }

    public func lockedLowerIDs() async throws -> Set<String> {
        try read { $0.desk.lockedLowerIDs }
    }

    public func setPackageLocked(lowerID: String, locked: Bool, at date: Date, audit: [AuditEvent]) async throws {
        let now = nowMicroseconds
        try write { state in
            if locked { state.desk.lockedLowerIDs.insert(lowerID) } else { state.desk.lockedLowerIDs.remove(lowerID) }
            state.markDirty([lowerID], now: now)
            state.appendAudit(audit)
        }
    }

    public func accountFlags(userKey: Int64) async throws -> AccountFlags {
        try read { $0.desk.accountFlags[userKey] ?? AccountFlags(userKey: userKey) }
    }

    public func saveAccountFlags(_ flags: AccountFlags, audit: [AuditEvent]) async throws {
        try write { state in
            try state.requireAccounts([flags.userKey])
            state.desk.accountFlags[flags.userKey] = flags
            state.appendAudit(audit)
        }
    }

    public func siteAdmins() async throws -> [User] {
        try read { state in state.users.values.filter { $0.isSiteAdmin && !$0.isDeleted }.sorted { $0.key < $1.key } }
    }

    public func findAccounts(matching text: String, limit: Int) async throws -> [User] {
        let wanted = text.lowercased()
        return try read { state in
            Array(state.users.values
                .filter { !$0.isDeleted && ($0.name.lowercased().contains(wanted) || $0.email.lowercased().contains(wanted)) }
                .sorted { $0.name < $1.name }.prefix(limit))
        }
    }
}
