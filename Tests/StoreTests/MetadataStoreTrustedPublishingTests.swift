import Foundation
import Gallery
import SQLStore
import Testing

/// Trusted-publishing policies and used token ids.
@Suite("MetadataStore contract: trusted publishing")
struct MetadataStoreTrustedPublishingTests {
    @Test("policies round-trip, pin once, delete with audit; a token id is accepted once", arguments: StoreKind.available)
    func policies(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user())
            let policy = TrustedPublishingPolicy(
                ownerKey: alice.key, creatorKey: alice.key, name: "release",
                provider: .gitHubActions(owner: "contoso", repository: "utils", workflowFile: "release.yml", environment: nil),
                scopes: [.push, .unlist], globs: ["Contoso.*"], created: Fixture.now)
            let audit = AuditEvent(time: Fixture.now, actor: "alice", action: "publishing-policy.created", target: "release")
            let created = try await store.createPublishingPolicy(policy, audit: [audit])
            #expect(created.key > 0)
            var expected = policy
            expected.key = created.key
            #expect(try await store.publishingPolicies(ownedBy: alice.key) == [expected])
            #expect(try await store.publishingPolicy(key: created.key) == expected)

            #expect(try await store.pinPublishingPolicy(key: created.key, ownerID: "1", repositoryID: "2"))
            #expect(try await store.pinPublishingPolicy(key: created.key, ownerID: "3", repositoryID: "4") == false, "pinned once")
            #expect(try await store.publishingPolicy(key: created.key)?.pinnedRepositoryID == "2")

            #expect(try await store.useTokenID("jti-1", expires: Fixture.now.addingTimeInterval(10 * 365 * 86_400)))
            #expect(try await store.useTokenID("jti-1", expires: Fixture.now.addingTimeInterval(10 * 365 * 86_400)) == false, "a replay")

            #expect(try await store.deletePublishingPolicy(key: created.key, audit: [audit]))
            #expect(try await store.deletePublishingPolicy(key: created.key, audit: [audit]) == false)
            #expect(try await store.publishingPolicies(ownedBy: alice.key).isEmpty)
            #expect(try await store.auditEvents(since: nil).filter { $0.action == "publishing-policy.created" }.count == 2)
        }
    }
}
