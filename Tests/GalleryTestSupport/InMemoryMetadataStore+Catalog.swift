public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func catalogCount() async throws -> Int64 {
        try read { Int64($0.catalog.count) }
    }

    public func catalogEntries(page: Int64) async throws -> [CatalogEntry] {
        try read { state in
            let first = Int(page * CatalogEntry.pageSize)
            guard first >= 0, first < state.catalog.count else { return [] }
            return Array(state.catalog[first..<min(state.catalog.count, first + Int(CatalogEntry.pageSize))])
        }
    }

    public func latestCatalogTimeStamp() async throws -> Date? {
        try read { $0.catalog.last?.commitTimeStamp }
    }
}
