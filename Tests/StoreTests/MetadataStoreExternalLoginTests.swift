import Foundation
import Gallery
import SQLStore
import Testing

/// OpenID Connect logins and sign-in flows (schema step 9).
@Suite("MetadataStore contract: external logins and sign-in flows")
struct MetadataStoreExternalLoginTests {
    @Test("a login links once per (issuer, subject), lists per account, unlinks only from its own account", arguments: StoreKind.available)
    func logins(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let ann = try await store.createUser(Fixture.user("ann")), bob = try await store.createUser(Fixture.user("bob"))
            let audit = AuditEvent(time: Fixture.now, actor: "ann", action: "login.linked", target: "user ann")
            let login = ExternalLogin(issuer: "https://id.example", subject: "s-1", userKey: ann.key, providerName: "IdP", created: Fixture.now)
            try await store.addExternalLogin(login, audit: [audit])
            #expect(try await store.externalLogin(issuer: "https://id.example", subject: "s-1") == login)
            #expect(try await store.externalLogin(issuer: "https://other.example", subject: "s-1") == nil)
            await #expect(throws: GalleryError.self) {
                try await store.addExternalLogin(
                    ExternalLogin(issuer: "https://id.example", subject: "s-1", userKey: bob.key, providerName: "IdP", created: Fixture.now),
                    audit: [])
            }
            let second = ExternalLogin(
                issuer: "https://other.example", subject: "s-1", userKey: ann.key, providerName: "Other", created: Fixture.now.addingTimeInterval(1))
            try await store.addExternalLogin(second, audit: [])
            #expect(try await store.externalLogins(userKey: ann.key) == [login, second])
            #expect(try await store.externalLogins(userKey: bob.key).isEmpty)
            #expect(try await store.removeExternalLogin(issuer: "https://id.example", subject: "s-1", userKey: bob.key, audit: [audit]) == false)
            #expect(try await store.removeExternalLogin(issuer: "https://id.example", subject: "s-1", userKey: ann.key, audit: [audit]))
            #expect(try await store.externalLogins(userKey: ann.key) == [second])
            #expect(try await store.auditEvents(since: nil).filter { $0.action == "login.linked" }.count == 2, "added and removed, audited")
        }
    }

    @Test("a flow is taken once, only for its purpose; saving forgets expired flows", arguments: StoreKind.available)
    func flows(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let t0 = Fixture.now
            let flow = SignInFlow(tokenHash: "h1", purpose: "authorize", payload: #"{"a":1}"#, expires: t0.addingTimeInterval(600))
            try await store.saveSignInFlow(flow, now: t0)
            #expect(try await store.takeSignInFlow(tokenHash: "h1", purpose: "register") == nil)
            try await store.saveSignInFlow(flow, now: t0)
            #expect(try await store.takeSignInFlow(tokenHash: "h1", purpose: "authorize") == flow)
            #expect(try await store.takeSignInFlow(tokenHash: "h1", purpose: "authorize") == nil, "single use")
            try await store.saveSignInFlow(SignInFlow(tokenHash: "old", purpose: "authorize", payload: "{}", expires: t0), now: t0)
            try await store.saveSignInFlow(SignInFlow(tokenHash: "h2", purpose: "authorize", payload: "{}", expires: t0.addingTimeInterval(1_200)),
                                           now: t0.addingTimeInterval(700))
            #expect(try await store.takeSignInFlow(tokenHash: "old", purpose: "authorize") == nil, "expired flows are forgotten")
            #expect(try await store.takeSignInFlow(tokenHash: "h2", purpose: "authorize") != nil)
        }
    }
}
