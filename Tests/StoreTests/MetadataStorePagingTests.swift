import Foundation
import Gallery
import SQLStore
import Testing

/// Start-up reads the available versions a page of ids at a time (`availableVersions(afterLowerID:idLimit:)`).
@Suite("MetadataStore contract: paging available versions by id")
struct MetadataStorePagingTests {
    @Test("pages of ids cover every available version once, whole ids per page, pending ones left out", arguments: StoreKind.available)
    func pages(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let published: [(String, String)] = [
                ("Contoso.Utils", "1.0.0"), ("Contoso.Utils", "2.0.0-beta"), ("a", "1.0.0"), ("Z.Last", "1.0.0"),
                ("Fabrikam.Lib", "0.1.0"), ("Fabrikam.Lib", "0.2.0"), ("Fabrikam.Lib", "0.3.0"), ("m", "9.9.9"),
            ]
            for (id, version) in published {
                let record = Fixture.record(id, version)
                _ = try await store.claimVersion(record, owner: nil)
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            }
            _ = try await store.claimVersion(Fixture.record("Pending.Only", "1.0.0"), owner: nil)
            _ = try await store.claimVersion(Fixture.record("Contoso.Utils", "3.0.0"), owner: nil)

            var seen: [PackageVersionKey] = [], pageIDs: [Set<String>] = [], after: String?
            while true {
                let page = try await store.availableVersions(afterLowerID: after, idLimit: 2)
                guard let last = page.last else { break }
                #expect(page.map(\.lowerID) == page.map(\.lowerID).sorted())
                pageIDs.append(Set(page.map(\.lowerID)))
                seen += page.map(\.key)
                after = last.lowerID
            }
            #expect(pageIDs.map(\.count) == [2, 2, 1])
            #expect(Set(pageIDs.joined()).count == 5)  // no id split over two pages
            #expect(seen.count == published.count)
            #expect(Set(seen) == Set(try await store.allAvailableVersions().map(\.key)))
        }
    }
}
