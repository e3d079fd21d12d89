import Foundation
import Gallery
import SQLStore
import Testing

/// The web gallery's API key Edit (package selection) and Delete, through `apply`.
@Suite("MetadataStore contract: API key edit and delete")
struct MetadataStoreAPIKeyEditTests {
    @Test("updateAPIKey rewrites the package selection; deleteAPIKey removes the record with its audit event", arguments: StoreKind.available)
    func editAndDelete(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            var key = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, name: "ci", secretHash: "aa11", scopes: [.push], globs: ["Contoso.*"],
                packageIDs: ["contoso.utils"], created: Fixture.now, expires: Fixture.later(86_400)))
            let other = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, name: "other", secretHash: "bb22", scopes: [.unlist], created: Fixture.now))
            key.globs = []
            key.packageIDs = ["Fabrikam.Core", "Fabrikam.Web"]
            try await store.apply([.updateAPIKey(key)])
            let edited = try #require(try await store.apiKey(key: key.key))
            #expect(edited.globs.isEmpty && edited.packageIDs == ["Fabrikam.Core", "Fabrikam.Web"])
            #expect(edited.scopes == [.push] && edited.name == "ci")

            let event = AuditEvent(time: Fixture.now, actor: "alice", action: "apikey.deleted", target: "apikey alice/ci")
            try await store.apply([.deleteAPIKey(key: key.key), .audit(event)])
            #expect(try await store.apiKey(key: key.key) == nil)
            #expect(try await store.apiKey(secretHash: "aa11") == nil)
            #expect(try await store.apiKey(key: other.key) == other)
            #expect(try await store.auditEvents(since: nil).contains { $0.action == "apikey.deleted" })
            // Deleting an absent key changes nothing.
            try await store.apply([.deleteAPIKey(key: key.key)])
            #expect(try await store.apiKeys(involving: alice.key).map(\.name) == ["other"])
        }
    }
}
