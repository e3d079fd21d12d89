import Foundation
import Gallery
import SQLStore
import Testing

/// Publishing a claim, the catalog it appends to, and hard-deleted numbers.
@Suite("MetadataStore contract: publish and catalog")
struct MetadataStorePublishTests {
    @Test("publishing makes the version visible, appends the catalog and marks the id dirty", arguments: StoreKind.available)
    func publishVisible(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            let entry = Fixture.entry(record)
            try await store.publishClaim(record.key, catalogEntry: entry)

            var expected = record
            expected.state = .available
            expected.catalogLeafPath = entry.leafPath
            #expect(try await store.versions(ofLowerID: record.lowerID) == [expected])
            #expect(try await store.allAvailableVersions() == [expected])
            #expect(try await store.dirtyLowerIDs() == [record.lowerID])
            #expect(try await store.catalogCount() == 1)
            var stored = entry
            stored.sequence = 0
            #expect(try await store.catalogEntries(page: 0) == [stored])
            #expect(try await store.latestCatalogTimeStamp() == entry.commitTimeStamp)
        }
    }

    @Test("publishing without a pending claim fails and appends nothing", arguments: StoreKind.available)
    func publishWithoutClaim(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            await #expect(throws: (any Error).self) {
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            }
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            await #expect(throws: (any Error).self) {
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            }
            #expect(try await store.catalogCount() == 1)
        }
    }

    @Test("catalog sequences are dense from 0 and paged by 550", arguments: StoreKind.available)
    func catalogDense(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let count = Int(CatalogEntry.pageSize) + 3
            for index in 0..<count {
                let record = Fixture.record("P\(index % 7)", "1.0.\(index)")
                _ = try await store.claimVersion(record, owner: nil)
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record, at: Fixture.later(Double(index))))
            }
            #expect(try await store.catalogCount() == Int64(count))
            let first = try await store.catalogEntries(page: 0)
            let second = try await store.catalogEntries(page: 1)
            #expect(first.map(\.sequence) == Array(0..<CatalogEntry.pageSize))
            #expect(second.map(\.sequence) == Array(CatalogEntry.pageSize..<Int64(count)))
            #expect(second.last?.version == "1.0.\(count - 1)")
            #expect(try await store.catalogEntries(page: 2).isEmpty)
            #expect(try await store.latestCatalogTimeStamp() == Fixture.later(Double(count - 1)))
        }
    }

    @Test("a commit stamped before the newest one is stored just after it, so stamps never go back", arguments: StoreKind.available)
    func catalogStampsAscend(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            for (version, at) in [("1.0.0", 10.0), ("2.0.0", 5.0), ("3.0.0", 5.0)] {
                let record = Fixture.record("P", version)
                _ = try await store.claimVersion(record, owner: nil)
                try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record, at: Fixture.later(at)))
            }
            let stamps = try await store.catalogEntries(page: 0).map(\.commitTimeStamp)
            #expect(stamps[0] == Fixture.later(10))
            #expect(stamps[0] < stamps[1] && stamps[1] < stamps[2])
            #expect(stamps[2].timeIntervalSince(stamps[0]) < 0.001)
            #expect(try await store.latestCatalogTimeStamp() == stamps[2])
        }
    }

    @Test("an empty catalog has no count, pages or time stamp", arguments: StoreKind.available)
    func emptyCatalog(kind: StoreKind) async throws {
        try await withStore(kind) { (store, _) async throws in
            #expect(try await store.catalogCount() == 0)
            #expect(try await store.catalogEntries(page: 0).isEmpty)
            #expect(try await store.latestCatalogTimeStamp() == nil)
        }
    }

    @Test("a hard-deleted version keeps its number taken and leaves every read path", arguments: StoreKind.available)
    func deletedKeepsNumber(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let record = Fixture.record()
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            let deleted = try await store.deleteVersion(
                record.key, at: Fixture.later(10), catalogEntry: Fixture.entry(record, kind: .packageDelete, at: Fixture.later(10)),
                audit: [AuditEvent(time: Fixture.later(10), actor: "root", action: "package.deleted", target: "package Contoso.Utils 1.0.0")])
            #expect(deleted)
            #expect(try await store.version(record.key)?.state == .deleted)
            #expect(try await store.versions(ofLowerID: record.lowerID).isEmpty)
            #expect(try await store.allAvailableVersions().isEmpty)
            #expect(try await store.claimVersion(Fixture.record(), owner: nil) == .alreadyExists)
            #expect(try await store.catalogEntries(page: 0).map(\.kind) == [.packageDetails, .packageDelete])
            #expect(try await store.auditEvents(since: nil).map(\.action) == ["package.deleted"])
            // Deleting twice finds no available version, and records nothing.
            #expect(try await store.deleteVersion(
                record.key, at: Fixture.later(20), catalogEntry: Fixture.entry(record),
                audit: [AuditEvent(time: Fixture.later(20), actor: "root", action: "package.deleted", target: "again")]) == false)
            #expect(try await store.auditEvents(since: nil).count == 1)
        }
    }
}
