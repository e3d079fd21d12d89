/// Known vulnerabilities, kept offline (imported from OSV files or added by hand).
public protocol AdvisoryStore: Sendable {
    /// Every advisory, in no particular order.
    func advisories() async throws -> [Advisory]
    /// The advisories of one package (registration renders them per version).
    func advisories(ofLowerID lowerID: String) async throws -> [Advisory]
    /// Replaces every advisory of `page` with `advisories`, appends `audit` and marks the ids whose advisories
    /// changed dirty, in one transaction. Returns those ids.
    func replaceAdvisories(on page: Advisory.Page, with advisories: [Advisory], audit: [AuditEvent]) async throws -> [String]
    /// Adds (or replaces, by advisory id + package + range) advisories, appends `audit`, marks their ids dirty.
    func addAdvisories(_ advisories: [Advisory], audit: [AuditEvent]) async throws
    /// Removes every row of an advisory id, marks the affected ids dirty and appends `audit` when there were
    /// any. Returns those ids (empty when the advisory is unknown).
    func removeAdvisory(id advisoryID: String, audit: [AuditEvent]) async throws -> [String]
}
