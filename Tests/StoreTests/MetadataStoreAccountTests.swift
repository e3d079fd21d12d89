import Foundation
import Gallery
import SQLStore
import Testing

/// Users, API keys and package owners.
@Suite("MetadataStore contract: accounts")
struct MetadataStoreAccountTests {
    @Test("users get distinct keys and are found by name in any casing and by key", arguments: StoreKind.available)
    func users(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(User(name: "Bob", email: "b@x.test", isSiteAdmin: true, created: Fixture.now))
            #expect(alice.key != bob.key && alice.key > 0)
            #expect(try await store.user(named: "aLiCe") == alice)
            #expect(try await store.user(key: bob.key) == bob)
            #expect(try await store.user(named: "carol") == nil)
            #expect(try await store.user(key: 999_999) == nil)
        }
    }

    @Test("a username taken in another casing is refused", arguments: StoreKind.available)
    func usernameUnique(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.createUser(Fixture.user("Alice"))
            await #expect {
                _ = try await store.createUser(Fixture.user("ALICE"))
            } throws: { isAlreadyExists($0) }
            #expect(try await store.user(named: "alice")?.name == "Alice")
        }
    }

    @Test("API keys are found by secret hash and round-trip", arguments: StoreKind.available)
    func apiKeys(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let full = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, name: "ci", secretHash: "aa11", scopes: [.push, .unlist], globs: ["Contoso.*"],
                packageIDs: ["contoso.utils"], created: Fixture.now, expires: Fixture.later(86_400 * 365)))
            let bare = try await store.createAPIKey(APIKeyRecord(
                userKey: alice.key, name: "old", secretHash: "bb22", scopes: [.pushVersions], created: Fixture.now, revoked: true))
            #expect(full.key != bare.key)
            #expect(try await store.apiKey(secretHash: "aa11") == full)
            #expect(try await store.apiKey(secretHash: "bb22") == bare)
            #expect(try await store.apiKey(secretHash: "cc33") == nil)
        }
    }

    @Test("a reused secret hash is refused", arguments: StoreKind.available)
    func apiKeyHashUnique(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let record = APIKeyRecord(userKey: alice.key, name: "k", secretHash: "same", scopes: [.push], created: Fixture.now)
            _ = try await store.createAPIKey(record)
            await #expect {
                _ = try await store.createAPIKey(record)
            } throws: { isAlreadyExists($0) }
        }
    }

    @Test("owners are added once each and listed by key", arguments: StoreKind.available)
    func owners(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let alice = try await store.createUser(Fixture.user("Alice"))
            let bob = try await store.createUser(Fixture.user("Bob"))
            #expect(try await store.owners(ofLowerID: "contoso.utils").isEmpty)
            try await store.addOwner(bob.key, toLowerID: "contoso.utils")
            try await store.addOwner(alice.key, toLowerID: "contoso.utils")
            try await store.addOwner(bob.key, toLowerID: "contoso.utils")
            #expect(try await store.owners(ofLowerID: "contoso.utils") == [alice.key, bob.key].sorted())
            #expect(try await store.owners(ofLowerID: "other").isEmpty)
            try await store.addOwner(bob.key, toLowerID: "other.two")
            #expect(try await store.allOwners() == ["contoso.utils": [alice.key, bob.key].sorted(), "other.two": [bob.key]])
        }
    }
}
