import Foundation
import Gallery
import SQLStore
import Testing

/// Pending ownership and membership invitations (schema step 10).
@Suite("MetadataStore contract: ownership and membership requests")
struct MetadataStoreManagementRequestTests {
    @Test("ownership requests are saved once per package and account, found both ways, and accepted in one transaction",
          arguments: StoreKind.available)
    func ownershipRequests(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            let carol = try await store.createUser(Fixture.user("Carol"))
            let first = OwnershipRequest(lowerID: "contoso.lib", accountKey: bob.key, requesterKey: alice.key, message: "join?", created: Fixture.now)
            let second = OwnershipRequest(
                lowerID: "contoso.app", accountKey: carol.key, requesterKey: alice.key, message: "", created: Fixture.later(1))
            try await store.apply([.saveOwnershipRequest(first), .saveOwnershipRequest(second)])
            #expect(try await store.ownershipRequests(ofLowerID: "contoso.lib") == [first])
            #expect(try await store.ownershipRequests(involving: alice.key) == [first, second])
            #expect(try await store.ownershipRequests(involving: bob.key) == [first])
            // Asking again replaces the message; still one row.
            var again = first
            again.message = "please"
            try await store.apply([.saveOwnershipRequest(again)])
            #expect(try await store.ownershipRequests(ofLowerID: "contoso.lib") == [again])
            // Accepting: the request goes and the owner comes, together; a failing change keeps both as they were.
            await #expect(throws: (any Error).self) {
                try await store.apply([
                    .deleteOwnershipRequest(lowerID: "contoso.lib", accountKey: bob.key),
                    .saveOwnershipRequest(OwnershipRequest(lowerID: "x", accountKey: 999_999, requesterKey: alice.key, message: "", created: Fixture.now)),
                ])
            }
            #expect(try await store.ownershipRequests(ofLowerID: "contoso.lib") == [again])
            try await store.apply([.deleteOwnershipRequest(lowerID: "contoso.lib", accountKey: bob.key), .addOwner(accountKey: bob.key, lowerID: "contoso.lib")])
            #expect(try await store.ownershipRequests(ofLowerID: "contoso.lib").isEmpty)
            #expect(try await store.owners(ofLowerID: "contoso.lib") == [bob.key])
            try await store.apply([.deleteOwnershipRequest(lowerID: "contoso.lib", accountKey: bob.key)])
            #expect(try await store.ownershipRequests(involving: carol.key) == [second])
        }
    }

    @Test("membership invitations are kept per organization and user, with their role", arguments: StoreKind.available)
    func membershipRequests(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            let contoso = try await store.createUser(User(name: "Contoso", email: "c@x.test", created: Fixture.now, kind: .organization))
            let invite = MembershipRequest(organizationKey: contoso.key, userKey: bob.key, role: .collaborator, requesterKey: alice.key, created: Fixture.now)
            try await store.apply([.saveMembershipRequest(invite)])
            #expect(try await store.membershipRequests(ofOrganization: contoso.key) == [invite])
            #expect(try await store.membershipRequests(ofUser: bob.key) == [invite])
            #expect(try await store.membershipRequests(ofUser: alice.key).isEmpty)
            var admin = invite
            admin.role = .admin
            try await store.apply([.saveMembershipRequest(admin)])
            #expect(try await store.membershipRequests(ofUser: bob.key) == [admin])
            try await store.apply([
                .deleteMembershipRequest(organizationKey: contoso.key, userKey: bob.key),
                .setMembership(Membership(organizationKey: contoso.key, userKey: bob.key, role: .admin)),
            ])
            #expect(try await store.membershipRequests(ofOrganization: contoso.key).isEmpty)
            #expect(try await store.members(ofOrganization: contoso.key).map(\.userKey) == [bob.key])
        }
    }
}
