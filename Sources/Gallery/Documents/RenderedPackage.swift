/// What rendering an id's documents read from the store: its available versions and the facts beside them,
/// handed on to the search index so a push reads them once.
struct RenderedPackage: Sendable {
    let records: [PackageVersionRecord]
    let ownerKeys: [Int64]
    let verified: Bool
    let advisories: [Advisory]
}
