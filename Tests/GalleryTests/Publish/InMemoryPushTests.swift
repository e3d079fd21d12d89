import Foundation
import Gallery
import GalleryTestSupport
import Testing

/// The push pipeline on the in-memory stores: no database, folder or server.
@Suite("Push on in-memory stores")
struct InMemoryPushTests {
    @Test("a pushed package is published, rendered (flat container, registration) and audited in its transaction")
    func pushRenders() async throws {
        let gallery = try await TestGallery.open()
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        var package = TestPackage(id: "Contoso.Utils", version: "1.2.0-Beta")
        package.description = "Useful things."
        let result = try await gallery.gallery.push(packageAt: try gallery.upload(package), by: try await gallery.gallery.authenticator.authenticate(key))

        #expect(result.record.state == .available)
        #expect(try await gallery.store.versions(ofLowerID: "contoso.utils").map(\.normalizedVersion) == ["1.2.0-Beta"])
        let flat = try #require(try await gallery.json("flat/contoso.utils/index.json"))
        #expect(flat["versions"] as? [String] == ["1.2.0-beta"])
        let registration = try #require(try await gallery.json("registration/contoso.utils/index.json"))
        #expect(registration["count"] as? Int == 1)
        #expect(try await gallery.blobs.data(.nupkg(result.record.key)) != nil)
        #expect(try await gallery.store.dirtyLowerIDs().isEmpty)
        let audit = try await gallery.store.auditEvents(since: nil)
        #expect(audit.map(\.action) == ["package.pushed"])
        #expect(audit.first?.actor == "alice/key")
    }

    @Test("the same version again is refused with versionExists")
    func duplicate() async throws {
        let gallery = try await TestGallery.open()
        defer { Task { await gallery.close() } }
        let key = try await gallery.userWithKey("alice")
        _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "A.Lib", version: "1.0.0")), by: try await gallery.gallery.authenticator.authenticate(key))
        await #expect(throws: GalleryError.versionExists(id: "a.lib", version: "1.0.0")) {
            _ = try await gallery.gallery.push(packageAt: try gallery.upload(TestPackage(id: "a.lib", version: "1.0.0.0")), by: try await gallery.gallery.authenticator.authenticate(key))
        }
    }
}
