public import Foundation

/// The audit log. Writes that are audited append their events in their own transaction
/// (`AccountStore.apply`, `PackageVersionStore` writes); this appends one on its own.
public protocol AuditStore: Sendable {
    /// Appends to the audit log.
    func appendAudit(_ event: AuditEvent) async throws
    /// Audit events at or after `since` (all when nil), oldest first.
    func auditEvents(since: Date?) async throws -> [AuditEvent]
}
