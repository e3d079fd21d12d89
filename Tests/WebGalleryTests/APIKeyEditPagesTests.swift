import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

@Suite("web manage: API key Edit and Delete")
struct APIKeyEditPagesTests {
    /// alice (owner of Alpha.One and Beta.Two) with a key that selects Alpha.One; the key's record and secret.
    static func selectiveKey(_ server: WebTestServer, _ alice: TestBrowser) async throws -> (APIKeyRecord, String) {
        try await server.push(TestPackage(id: "Alpha.One", version: "1.0.0"))
        try await server.push(TestPackage(id: "Beta.Two", version: "1.0.0"))
        let page = try await alice.get("/account/apikeys")
        let created = try await alice.post("/account/apikeys", [
            ("__RequestVerificationToken", TestBrowser.token(page) ?? ""), ("Name", "selective"), ("ExpiresInDays", "30"),
            ("Owner", "alice"), ("Push", "on"), ("PushKind", "push-versions"), ("PackageIds", "Alpha.One"),
        ])
        let secret = try #require(created.body.firstMatch(of: /pallet_[A-Za-z0-9_\-]+/).map { String($0.output) })
        let record = try #require(try await server.gallery.authenticator.authenticate(secret).apiKey)
        return (record, secret)
    }

    @Test("Edit, on the key's own page, replaces its package selection (which then decides pushes); Delete removes the key")
    func editAndDelete() async throws {
        try await withWebServer { server in
            let alice = try await signedIn(server, "alice")
            let (record, secret) = try await Self.selectiveKey(server, alice)
            let list = try await alice.get("/account/apikeys")
            #expect(list.body.contains(#"<a class="button" href="/account/apikeys/\#(record.key)/Edit">Edit<span class="visually-hidden"> the packages of selective</span></a>"#))
            // The list sends the package checkboxes once (the create form), not once more per key.
            #expect(list.count(#"type="checkbox" value="Alpha.One""#) == 1)
            let edit = try await alice.get("/account/apikeys/\(record.key)/Edit")
            #expect(edit.status == .ok)
            #expect(edit.body.contains("Edit API key “selective”"))
            #expect(edit.body.contains(#"<form class="account-form" method="post" action="/account/apikeys/\#(record.key)/Edit">"#))
            #expect(edit.body.contains(#"name="PackageIds" type="checkbox" value="Alpha.One" checked> <label for="package-0">Alpha.One</label>"#))
            #expect(edit.body.contains(#"name="PackageIds" type="checkbox" value="Beta.Two"> <label for="package-1">Beta.Two</label>"#))
            // Beta.Two is outside the selection: a push of a new version is refused.
            let beta = try TestPackage(id: "Beta.Two", version: "1.1.0").write(to: server.directory)
            await #expect(throws: GalleryError.self) {
                _ = try await server.gallery.push(packageAt: beta.path, by: try await server.gallery.authenticator.authenticate(secret))
            }
            let edited = try await alice.post("/account/apikeys/\(record.key)/Edit", [
                ("__RequestVerificationToken", TestBrowser.token(edit) ?? ""), ("PackageIds", "Beta.Two"), ("GlobPattern", ""),
            ])
            #expect(edited.status == .ok)
            #expect(edited.body.contains("are saved"))
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Beta.Two"])
            _ = try await server.gallery.push(packageAt: beta.path, by: try await server.gallery.authenticator.authenticate(secret))
            let reopened = try await alice.get("/account/apikeys/\(record.key)/Edit")
            #expect(reopened.body.contains(#"value="Beta.Two" checked>"#) && !reopened.body.contains(#"value="Alpha.One" checked>"#))
            // A bad glob is a message on the edit page, with what was sent kept, and nothing changes.
            let bad = try await alice.post("/account/apikeys/\(record.key)/Edit", [
                ("__RequestVerificationToken", TestBrowser.token(edit) ?? ""), ("GlobPattern", "a/b"), ("PackageIds", "Alpha.One"),
            ])
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("&#39;a/b&#39; is not a valid package ID pattern"))
            #expect(bad.body.contains(#"value="a/b""#) && bad.body.contains(#"value="Alpha.One" checked>"#))
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Beta.Two"])
            // The form-per-key endpoint of earlier versions still saves.
            let legacy = try await alice.post("/account/apikeys/edit", [
                ("__RequestVerificationToken", TestBrowser.token(list) ?? ""), ("Key", String(record.key)), ("PackageIds-\(record.key)", "Alpha.One"),
            ])
            #expect(legacy.status == .ok)
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Alpha.One"])
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
            #expect(try await alice.get("/account/apikeys/\(record.key)/Edit").status == .notFound)
            await #expect(throws: GalleryError.self) { try await server.gallery.authenticator.authenticate(secret) }
        }
    }

    @Test("another person's key, an unknown or unreadable number: 404 on the Edit page and its form; no token: 403; nothing changes")
    func editRefusals() async throws {
        try await withWebServer { server in
            let alice = try await signedIn(server, "alice")
            let (record, _) = try await Self.selectiveKey(server, alice)
            let bob = try await signedIn(server, "bob")
            let bobPage = try await bob.get("/account/apikeys")
            for path in ["/account/apikeys/\(record.key)/Edit", "/account/apikeys/999999/Edit", "/account/apikeys/abc/Edit"] {
                let page = try await bob.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("There is no such API key among yours."))
                #expect(!page.body.contains("Alpha.One"))
                let posted = try await bob.post(path, [
                    ("__RequestVerificationToken", TestBrowser.token(bobPage) ?? ""), ("PackageIds", "Beta.Two"),
                ])
                #expect(posted.status == .notFound, "\(path)")
            }
            let edit = try await alice.get("/account/apikeys/\(record.key)/Edit")
            let forged = try await alice.post("/account/apikeys/\(record.key)/Edit", [("PackageIds", "Beta.Two")])
            #expect(forged.status == .forbidden)
            let crossSite = try await alice.post("/account/apikeys/\(record.key)/Edit", [
                ("__RequestVerificationToken", TestBrowser.token(edit) ?? ""), ("PackageIds", "Beta.Two"),
            ], headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            #expect(try await server.gallery.store.apiKey(key: record.key)?.packageIDs == ["Alpha.One"])
            // Signed out: to sign in, and back to the page.
            let signedOut = try await TestBrowser(server).get("/account/apikeys/\(record.key)/Edit")
            #expect(signedOut.status == .found)
            #expect(signedOut.headers[.location] == "/users/account/LogOn?ReturnUrl=/account/apikeys/\(record.key)/Edit")
            // A revoked key's page says why and has no form.
            let revoked = try await alice.post("/account/apikeys/revoke", [
                ("__RequestVerificationToken", TestBrowser.token(edit) ?? ""), ("Key", String(record.key)),
            ])
            #expect(revoked.status == .seeOther)
            let revokedPage = try await alice.get("/account/apikeys/\(record.key)/Edit")
            #expect(revokedPage.body.contains("This API key is revoked: its packages cannot be changed."))
            #expect(!revokedPage.body.contains(#"type="checkbox""#))
        }
    }
}
