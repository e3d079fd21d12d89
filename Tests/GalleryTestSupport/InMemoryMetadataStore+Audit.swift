public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func appendAudit(_ event: AuditEvent) async throws {
        try write { $0.appendAudit([event]) }
    }

    public func auditEvents(since: Date?) async throws -> [AuditEvent] {
        try read { state in
            guard let since else { return state.audit }
            return state.audit.filter { $0.time >= since }
        }
    }
}
