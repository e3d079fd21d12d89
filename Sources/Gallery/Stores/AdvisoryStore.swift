/// Known vulnerabilities, kept offline (imported from OSV files or added by hand).
public protocol AdvisoryStore: Sendable {
    /// Every advisory, in no particular order.
    func advisories() async throws -> [Advisory]
    /// The advisories of one package (registration renders them per version).
    func advisories(ofLowerID lowerID: String) async throws -> [Advisory]
    /// Replaces every advisory of `page` with `advisories` and marks the ids whose advisories changed dirty,
    /// in one transaction. Returns those ids.
    func replaceAdvisories(on page: Advisory.Page, with advisories: [Advisory]) async throws -> [String]
    /// Adds (or replaces, by advisory id + package + range) advisories and marks their ids dirty.
    func addAdvisories(_ advisories: [Advisory]) async throws
    /// Removes every row of an advisory id and marks the affected ids dirty. Returns those ids (empty when unknown).
    func removeAdvisory(id advisoryID: String) async throws -> [String]
}
