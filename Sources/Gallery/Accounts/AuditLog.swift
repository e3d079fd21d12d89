public import Foundation
public import Logging

/// Writes security-relevant events (keys created, revoked and used for writes, owner and membership changes,
/// reservations, deletions) with actor, time and target. Secrets never reach it.
///
/// Domain verbs put an `event(...)` into the same `AccountChange` list as the change it records, so the
/// store commits both in one transaction: an action is never done without its audit entry, nor audited
/// without being done.
public struct AuditLog: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock
    let logger: Logger

    /// The actor name of the admin command line.
    public static let adminCLI = "admin-cli"

    /// Creates the log over a store.
    public init(store: any MetadataStore, clock: any GalleryClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// The audit entry of an action by `principal`, to apply together with the change.
    public func event(_ principal: Principal, _ action: String, target: String, details: String = "") -> AccountChange {
        .audit(entry(principal, action, target: target, details: details))
    }

    /// The audit entry of an action by `principal`, for store writes that take their events directly.
    public func entry(_ principal: Principal, _ action: String, target: String, details: String = "") -> AuditEvent {
        AuditEvent(time: clock.now(), actor: principal.auditName, action: action, target: target, details: details)
    }

    /// Events at or after `since` (all when nil), oldest first.
    public func events(since: Date? = nil) async throws -> [AuditEvent] {
        try await store.auditEvents(since: since)
    }
}
