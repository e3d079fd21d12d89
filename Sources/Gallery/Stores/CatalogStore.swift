public import Foundation

/// The catalog's items (appended by `PackageVersionStore` writes), read page by page.
public protocol CatalogStore: Sendable {
    /// Number of catalog items.
    func catalogCount() async throws -> Int64
    /// The items of one page (sequence / pageSize), ascending.
    func catalogEntries(page: Int64) async throws -> [CatalogEntry]
    /// The newest commit time stamp, if any.
    func latestCatalogTimeStamp() async throws -> Date?
}
