import Foundation
import Gallery
import SQLStore
import Testing

/// Deprecations and advisories: one transaction per change, with catalog entries, audit and dirty marks.
@Suite("MetadataStore contract: deprecation and advisories")
struct MetadataStoreDeprecationTests {
    static func published(_ store: any MetadataStore, _ versions: [String]) async throws -> [PackageVersionRecord] {
        var records: [PackageVersionRecord] = []
        for version in versions {
            let record = Fixture.record("Contoso.Utils", version)
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record, at: Fixture.later(Double(records.count))))
            records.append(record)
        }
        let generation = try await store.dirtyGeneration("contoso.utils")
        try await store.clearDirty("contoso.utils", generation: generation)
        return records
    }

    @Test("deprecating versions writes one catalog entry per changed version, the audit event and a dirty mark",
          arguments: StoreKind.available)
    func deprecate(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let records = try await Self.published(store, ["1.0.0", "2.0.0"])
            let deprecation = PackageDeprecation(reasons: ["Legacy"], message: "Old.", alternatePackageID: "Other", alternatePackageRange: "*")
            let at = Fixture.later(60)
            let audit = AuditEvent(time: at, actor: "alice", action: "package.deprecated", target: "package Contoso.Utils 1.0.0, 2.0.0")
            let changed = try await store.setDeprecation(
                DeprecationChange(deprecation: deprecation, listed: false), keys: records.map(\.key), at: at, audit: [audit]
            ) { Fixture.entry($0, at: at) }
            #expect(changed.map(\.version) == ["1.0.0", "2.0.0"])
            #expect(changed.allSatisfy { $0.deprecation == deprecation && !$0.listed && $0.lastEdited == at })
            #expect(try await store.version(records[0].key)?.deprecation == deprecation)
            #expect(try await store.catalogCount() == 4)
            #expect(try await store.dirtyLowerIDs() == ["contoso.utils"])
            #expect(try await store.auditEvents(since: nil).map(\.action) == ["package.deprecated"])

            // The same change again touches nothing: no entries, no audit, no mark.
            let generation = try await store.dirtyGeneration("contoso.utils")
            try await store.clearDirty("contoso.utils", generation: generation)
            let again = try await store.setDeprecation(
                DeprecationChange(deprecation: deprecation, listed: false), keys: records.map(\.key), at: at, audit: [audit]
            ) { Fixture.entry($0, at: at) }
            #expect(again.isEmpty)
            #expect(try await store.catalogCount() == 4)
            #expect(try await store.dirtyLowerIDs().isEmpty)
            #expect(try await store.auditEvents(since: nil).count == 1)

            // Un-deprecating and relisting one version sets `published` to the relist time.
            let relistAt = Fixture.later(120)
            let undone = try await store.setDeprecation(
                DeprecationChange(deprecation: nil, listed: true), keys: [records[0].key], at: relistAt, audit: []
            ) { Fixture.entry($0, at: relistAt) }
            #expect(undone.count == 1 && undone[0].deprecation == nil && undone[0].listed && undone[0].published == relistAt)
        }
    }

    @Test("a catalog entry builder that throws rolls the whole deprecation back", arguments: StoreKind.available)
    func rollback(kind: StoreKind) async throws {
        struct RenderFailure: Error {}
        try await withStore(kind) { store, _ in
            let records = try await Self.published(store, ["1.0.0", "2.0.0"])
            await #expect(throws: RenderFailure.self) {
                _ = try await store.setDeprecation(
                    DeprecationChange(deprecation: PackageDeprecation(reasons: ["Other"])), keys: records.map(\.key),
                    at: Fixture.later(60), audit: []
                ) { record in
                    if record.version == "2.0.0" { throw RenderFailure() }
                    return Fixture.entry(record, at: Fixture.later(60))
                }
            }
            #expect(try await store.version(records[0].key)?.deprecation == nil, "the first version's change was rolled back")
            #expect(try await store.catalogCount() == 2)
        }
    }

    @Test("advisories: replacing a page marks only ids whose advisories changed; remove by advisory id",
          arguments: StoreKind.available)
    func advisories(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let a = Advisory(advisoryID: "GHSA-1", lowerID: "a.lib", versions: "(, 1.0.0)", severity: 2, url: "https://x/1", page: .base)
            let b = Advisory(advisoryID: "GHSA-2", lowerID: "b.lib", versions: "[2.0.0, )", severity: 3, url: "https://x/2", page: .base)
            #expect(try await store.replaceAdvisories(on: .base, with: [a, b], audit: []) == ["a.lib", "b.lib"])
            #expect(try await store.replaceAdvisories(on: .base, with: [a, b], audit: []).isEmpty, "idempotent")
            var changedB = b
            changedB.severity = 1
            #expect(try await store.replaceAdvisories(on: .base, with: [a, changedB], audit: []) == ["b.lib"])
            let mine = Advisory(advisoryID: "IN-1", lowerID: "a.lib", versions: "[1.0.0, 1.0.0]", severity: 0, url: "https://x/3", page: .update)
            try await store.addAdvisories([mine], audit: [])
            #expect(Set(try await store.advisories(ofLowerID: "a.lib")) == [a, mine])
            #expect(try await store.replaceAdvisories(on: .base, with: [], audit: []) == ["a.lib", "b.lib"])
            #expect(try await store.advisories() == [mine], "the update page is left alone")
            #expect(try await store.removeAdvisory(id: "IN-1", audit: []) == ["a.lib"])
            #expect(try await store.removeAdvisory(id: "IN-1", audit: []).isEmpty)
            #expect(try await store.advisories().isEmpty)
        }
    }
}
