import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// Start-up indexes every id from facts read for all ids at once (owners, accounts, reservations,
/// advisories); each write re-indexes its id with per-id reads. Both must build the same index.
@Suite("Start-up index load")
struct StartupIndexTests {
    @Test("a node started on the store searches and lists exactly as the node whose writes built it")
    func restartMatchesWrites() async throws {
        let first = try await TestGallery.open()
        let store = first.store, now = first.clock.now()
        let aliceKey = try await first.userWithKey("alice"), bobKey = try await first.userWithKey("bob")
        let alice = try #require(try await store.user(named: "alice")), bob = try #require(try await store.user(named: "bob"))
        // Carol co-owns Contoso.Utils but her account is deleted: search never shows her name.
        let carol = try await store.createUser(User(name: "carol", email: "carol@pallet.test", created: now, isDeleted: true))
        try await store.saveReservation(PrefixReservation(pattern: "Contoso.", isOpen: true, ownerKeys: [alice.key], created: now))
        try await store.apply([
            .addOwner(accountKey: alice.key, lowerID: "contoso.utils"), .addOwner(accountKey: carol.key, lowerID: "contoso.utils"),
            .addOwner(accountKey: bob.key, lowerID: "contoso.utils"),
        ])
        try await store.addAdvisories(
            [Advisory(advisoryID: "GHSA-1", lowerID: "contoso.utils", versions: "[1.0.0, 2.0.0)", severity: 2, url: "https://a.test/1", page: .update)],
            audit: [])
        let pushes: [(String, String, String)] = [
            ("Contoso.Utils", "1.0.0", aliceKey), ("Contoso.Utils", "2.0.0-beta", bobKey), ("Contoso.Other", "1.0.0", bobKey),
            ("Fabrikam.Lib", "3.1.0", bobKey), ("Fabrikam.Lib", "3.2.0+build.7", bobKey),
        ]
        for (id, version, key) in pushes {
            _ = try await first.gallery.push(
                packageAt: try first.upload(TestPackage(id: id, version: version)), by: try await first.gallery.authenticator.authenticate(key))
        }

        let second = try await TestGallery.open(clock: first.clock, store: store, blobs: first.blobs)
        defer { Task { await second.close() } }
        let queries = [
            SearchQuery(), SearchQuery(includePrerelease: true, includeSemVer2: true), SearchQuery(q: "contoso", includePrerelease: true),
            SearchQuery(q: "owner:bob", includeSemVer2: true),
        ]
        for query in queries {
            #expect(second.gallery.search.search(query) == first.gallery.search.search(query))
        }
        let utils = try #require(second.gallery.search.search(SearchQuery(q: "packageid:Contoso.Utils")).hits.first)
        #expect(utils.owners == ["alice", "bob"])
        #expect(utils.verified)
        #expect(utils.advisories.map(\.advisoryID) == ["GHSA-1"])
        #expect(second.gallery.search.search(SearchQuery(q: "packageid:Contoso.Other")).hits.first?.verified == false)
        let (a, b) = (first.gallery.feed.snapshot(), second.gallery.feed.snapshot())
        #expect(b.lowerIDs == a.lowerIDs)
        for lowerID in a.lowerIDs {
            #expect(b.packages[lowerID]?.versions == a.packages[lowerID]?.versions)
        }
    }
}
