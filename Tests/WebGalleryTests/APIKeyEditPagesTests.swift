import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

@Suite("web manage: API key Edit and Delete")
struct APIKeyEditPagesTests {
    @Test("Edit replaces the key's package selection (and it then decides pushes); Delete removes the key")
    func editAndDelete() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Alpha.One", version: "1.0.0"))
            try await server.push(TestPackage(id: "Beta.Two", version: "1.0.0"))
            let alice = try await signedIn(server, "alice")
            let page = try await alice.get("/account/apikeys")
            let created = try await alice.post("/account/apikeys", [
                ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Name", "selective"), ("ExpiresInDays", "30"),
                ("Owner", "alice"), ("Push", "on"), ("PushKind", "push-versions"), ("PackageIds", "Alpha.One"),
            ])
            let secret = try #require(created.body.firstMatch(of: /pallet_[A-Za-z0-9_\-]+/).map { String($0.output) })
            let record = try #require(try await server.gallery.authenticator.authenticate(secret).apiKey)
            let list = try await alice.get("/account/apikeys")
            #expect(list.body.contains(#"<summary>Edit<span class="visually-hidden"> the packages of selective</span></summary>"#))
            #expect(list.body.contains(#"name="PackageIds-\#(record.key)" type="checkbox" value="Alpha.One" checked> <label for="key-\#(record.key)-package-0">Alpha.One</label>"#))
            // Beta.Two is outside the selection: a push of a new version is refused.
            let beta = try TestPackage(id: "Beta.Two", version: "1.1.0").write(to: server.directory)
            await #expect(throws: GalleryError.self) {
                _ = try await server.gallery.push(packageAt: beta.path, by: try await server.gallery.authenticator.authenticate(secret))
            }
            let edited = try await alice.post("/account/apikeys/edit", [
                ("__RequestVerificationToken", TestBrowser.token(list) ?? ""), ("Key", String(record.key)), ("PackageIds-\(record.key)", "Beta.Two"),
                ("GlobPattern", ""),
            ])
            #expect(edited.status == .ok)
            #expect(edited.body.contains("are saved"))
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Beta.Two"])
            _ = try await server.gallery.push(packageAt: beta.path, by: try await server.gallery.authenticator.authenticate(secret))
            // A bad glob is a message, and nothing changes.
            let bad = try await alice.post("/account/apikeys/edit", [
                ("__RequestVerificationToken", TestBrowser.token(list) ?? ""), ("Key", String(record.key)), ("GlobPattern", "a/b"),
            ])
            #expect(bad.status == .badRequest)
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Beta.Two"])
            // bob cannot delete alice's key; alice can.
            let bob = try await signedIn(server, "bob")
            let bobPage = try await bob.get("/account/apikeys")
            let refused = try await bob.post("/account/apikeys/delete", [
                ("__RequestVerificationToken", TestBrowser.token(bobPage) ?? ""), ("Key", String(record.key)),
            ])
            #expect(refused.status == .badRequest)
            #expect(try await server.gallery.store.apiKey(key: record.key) != nil)
            let deleted = try await alice.post("/account/apikeys/delete", [
                ("__RequestVerificationToken", TestBrowser.token(list) ?? ""), ("Key", String(record.key)),
            ])
            #expect(deleted.status == .seeOther)
            #expect(try await server.gallery.store.apiKey(key: record.key) == nil)
            #expect(!(try await alice.get("/account/apikeys")).body.contains("selective"))
            await #expect(throws: GalleryError.self) { try await server.gallery.authenticator.authenticate(secret) }
        }
    }
}
