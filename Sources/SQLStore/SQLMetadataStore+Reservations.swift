public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// Every reservation with its owners, by lower pattern.
    public func reservations() async throws -> [PrefixReservation] {
        try await read { db in
            let owners = try await db.raw("SELECT lower_pattern, account_key FROM prefix_reservation_owners ORDER BY account_key")
                .all().map { (try $0.decode(column: "lower_pattern", as: String.self), try $0.decode(column: "account_key", as: Int64.self)) }
            let byPattern = Dictionary(grouping: owners, by: \.0).mapValues { $0.map(\.1) }
            return try await db.raw("SELECT * FROM prefix_reservations ORDER BY lower_pattern").all().map { row in
                let lower = try row.decode(column: "lower_pattern", as: String.self)
                return PrefixReservation(
                    pattern: try row.decode(column: "pattern", as: String.self),
                    isOpen: try row.decode(column: "is_open", as: Bool.self),
                    ownerKeys: byPattern[lower] ?? [],
                    created: StoreDate.date(try row.decode(column: "created", as: Int64.self))
                )
            }
        }
    }

    /// Replaces the reservation and its owner list in one transaction.
    public func saveReservation(_ reservation: PrefixReservation) async throws {
        try await apply([.saveReservation(reservation)])
    }

    /// Deletes the reservation and its owners.
    public func deleteReservation(lowerPattern: String) async throws -> Bool {
        let dialect = self.dialect
        return try await write { db in try await Self.deleteReservation(lowerPattern, in: db, dialect: dialect) }
    }

    /// Appends one event; the sequence is assigned by the database.
    public func appendAudit(_ event: AuditEvent) async throws {
        try await write { db in try await Self.appendAudit([event], in: db) }
    }

    /// Appends events in order inside the caller's write transaction.
    static func appendAudit(_ events: [AuditEvent], in db: any SQLDatabase) async throws {
        for event in events {
            try await db.raw("""
                INSERT INTO audit_log (time, actor, action, target, details)
                VALUES (\(bind: StoreDate.microseconds(event.time)), \(bind: event.actor), \(bind: event.action),
                    \(bind: event.target), \(bind: event.details))
                """).run()
        }
    }

    /// Events at or after `since`, oldest first.
    public func auditEvents(since: Date?) async throws -> [AuditEvent] {
        let start = since.map(StoreDate.microseconds) ?? Int64.min
        return try await read { db in
            try await db.raw("SELECT * FROM audit_log WHERE time >= \(bind: start) ORDER BY sequence").all().map { row in
                AuditEvent(
                    sequence: try row.decode(column: "sequence", as: Int64.self),
                    time: StoreDate.date(try row.decode(column: "time", as: Int64.self)),
                    actor: try row.decode(column: "actor", as: String.self),
                    action: try row.decode(column: "action", as: String.self),
                    target: try row.decode(column: "target", as: String.self),
                    details: try row.decode(column: "details", as: String.self)
                )
            }
        }
    }
}
