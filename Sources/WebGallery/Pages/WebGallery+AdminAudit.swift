import Foundation
import Gallery

struct AuditRowModel {
    let time: String
    let actor: String
    let action: String
    let target: String
    let details: String
}

struct AdminAuditModel {
    var layout: LayoutModel
    let actor: String
    let action: String
    let target: String
    let csvURL: String
    let count: Int
    let truncated: Bool
    let events: [AuditRowModel]
}

/// The audit log's filters: each a case-insensitive "contains" on one column; empty matches everything.
struct AuditFilter {
    var actor = ""
    var action = ""
    var target = ""

    func matches(_ event: AuditEvent) -> Bool {
        func has(_ text: String, _ part: String) -> Bool { part.isEmpty || text.lowercased().contains(part.lowercased()) }
        return has(event.actor, actor) && has(event.action, action) && has(event.target, target)
    }

    var query: String {
        "actor=\(Format.queryValue(actor))&action=\(Format.queryValue(action))&target=\(Format.queryValue(target))"
    }
}

extension WebGallery {
    /// The matching events, newest first.
    func auditEvents(_ filter: AuditFilter) async throws -> [AuditEvent] {
        try await gallery.store.auditEvents(since: nil).filter(filter.matches).reversed()
    }

    /// `/admin/Audit`: the newest 500 matching events.
    func adminAuditPage(_ filter: AuditFilter) async throws -> String {
        let events = try await auditEvents(filter)
        return render(AdminAuditModel(
            layout: adminLayout("Audit log"), actor: filter.actor, action: filter.action, target: filter.target,
            csvURL: "/admin/Audit?format=csv&" + filter.query, count: events.count, truncated: events.count > 500,
            events: events.prefix(500).map {
                AuditRowModel(time: Format.iso($0.time), actor: $0.actor, action: $0.action, target: $0.target, details: $0.details)
            }), "adminAudit")
    }

    /// Every matching event as CSV (RFC 4180: fields quoted, quotes doubled), oldest first. A field starting with
    /// `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet never runs it as a formula (package ids and reasons
    /// are typed by users).
    func auditCSV(_ filter: AuditFilter) async throws -> String {
        func field(_ text: String) -> String {
            var value = text
            if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = ["sequence,time,actor,action,target,details"]
        for event in try await auditEvents(filter).reversed() {
            lines.append([String(event.sequence), Format.iso(event.time), field(event.actor), field(event.action), field(event.target),
                          field(event.details)].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
