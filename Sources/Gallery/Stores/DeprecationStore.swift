public import Foundation

/// What a deprecation does to each chosen version (nuget.org's manage-page "Deprecation" section).
public struct DeprecationChange: Sendable, Equatable {
    /// The new deprecation, or nil to un-deprecate.
    public var deprecation: PackageDeprecation?
    /// `true` relists, `false` unlists, nil leaves listing alone (nuget.org's `listedVerb`).
    public var listed: Bool?

    /// Creates a change.
    public init(deprecation: PackageDeprecation?, listed: Bool? = nil) {
        self.deprecation = deprecation
        self.listed = listed
    }
}

/// Deprecating versions: one transaction for every version of one request, so readers never see half of it.
public protocol DeprecationStore: Sendable {
    /// Applies `change` to the available versions among `keys` (all of one id) that it actually changes:
    /// rewrites the deprecation (and listing; relisting sets `published`), sets `lastEdited`, appends one
    /// catalog entry per changed version (built from the updated record inside the transaction), appends
    /// `audit` when something changed, and marks the id dirty, all in one transaction.
    /// Returns the changed records (empty when nothing changed).
    func setDeprecation(
        _ change: DeprecationChange, keys: [PackageVersionKey], at date: Date, audit: [AuditEvent],
        catalogEntry: @escaping @Sendable (PackageVersionRecord) throws -> CatalogEntry
    ) async throws -> [PackageVersionRecord]
}
