import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

@Suite("web manage: the trusted publishing page")
struct TrustedPublishingPagesTests {
    @Test("add a GitHub Actions policy with the page's labels; a bad one is a message and stores nothing; only its owner deletes it")
    func createAndDelete() async throws {
        try await withWebServer { server in
            let alice = try await signedIn(server, "alice")
            let page = try await alice.get("/account/trustedpublishing")
            #expect(page.status == .ok)
            for (id, label) in [("policy-name", "Policy name"), ("policy-owner", "Package owner"), ("policy-provider", "CI/CD provider"),
                                ("repo-owner", "Repository owner"), ("repo-name", "Repository"), ("workflow-file", "Workflow file"),
                                ("project-path", "Project path")] {
                #expect(page.body.contains(#"<label for="\#(id)">\#(label)</label>"#), "\(label)")
            }
            let token = TestBrowser.token(page) ?? ""
            let bad = try await alice.post("/account/trustedpublishing", [
                ("__RequestVerificationToken", token), ("Name", "gl"), ("Owner", "alice"), ("Provider", "gitlab"), ("ProjectPath", "noslash"),
                ("Push", "on"),
            ])
            #expect(bad.status == .badRequest && bad.body.contains("needs the project path"))
            let aliceKey = try #require(try await server.gallery.store.user(named: "alice")).key
            #expect(try await server.gallery.store.publishingPolicies(ownedBy: aliceKey).isEmpty)
            let created = try await alice.post("/account/trustedpublishing", [
                ("__RequestVerificationToken", token), ("Name", "release"), ("Owner", "alice"), ("Provider", "github"),
                ("RepositoryOwner", "contoso"), ("Repository", "lib"), ("WorkflowFile", "release.yml"), ("Push", "on"), ("PushKind", "push"),
                ("Globs", "Alice.*\nAlice.Tools"),
            ])
            #expect(created.status == .ok && created.body.contains("contoso/lib, workflow release.yml"))
            #expect(created.body.contains("Alice.*, Alice.Tools") && created.body.contains("Not used yet"))
            let policy = try #require(try await server.gallery.store.publishingPolicies(ownedBy: aliceKey).first)
            let bob = try await signedIn(server, "bob")
            let bobPage = try await bob.get("/account/trustedpublishing")
            #expect(!bobPage.body.contains("contoso/lib"))
            let refused = try await bob.post("/account/trustedpublishing/delete", [
                ("__RequestVerificationToken", TestBrowser.token(bobPage) ?? ""), ("Key", String(policy.key)),
            ])
            #expect(refused.status == .forbidden)
            let deleted = try await alice.post("/account/trustedpublishing/delete", [("__RequestVerificationToken", token), ("Key", String(policy.key))])
            #expect(deleted.status == .ok && deleted.body.contains("The policy is deleted."))
            #expect(try await server.gallery.store.publishingPolicies(ownedBy: aliceKey).isEmpty)
        }
    }
}
