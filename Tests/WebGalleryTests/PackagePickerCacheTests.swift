import Foundation
import Gallery
import GalleryTestSupport
import HTTPPlumbing
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import WebGallery
@testable import NuGetCore

@Suite("web manage: the API keys page's package list, cached per owning accounts")
struct PackagePickerCacheTests {
    static func checkbox(_ id: String, _ index: Int) -> String {
        #"<input id="package-\#(index)" name="PackageIds" type="checkbox" value="\#(id)"> <label for="package-\#(index)">\#(id)</label>"#
    }

    @Test("built once, then reused; a push of a new id, a new and a removed owner show at once")
    func invalidation() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Alpha.One", version: "1.0.0"))
            let web = WebGallery(gallery: server.gallery)
            // Signed in once through the server: their email is confirmed, so the page has its create form.
            _ = try await signedIn(server, "alice")
            _ = try await signedIn(server, "bob")
            let alice = try #require(try await server.gallery.store.user(named: "alice"))
            let principal = try await server.gallery.authorizer.signedIn(alice)
            func page() async throws -> String { String(buffer: try await web.apiKeysPage(principal).plain()) }
            #expect(try await page().contains(Self.checkbox("Alpha.One", 0)))
            #expect(web.pickers.counts == (builds: 1, hits: 0))
            let reads = web.ownedIDs.storeReads
            #expect(try await page().contains(Self.checkbox("Alpha.One", 0)))
            #expect(web.pickers.counts == (builds: 1, hits: 1))
            // Nothing changed in the feed: the owned ids were not read again.
            #expect(web.ownedIDs.storeReads == reads)
            // A new version of an owned id changes the feed, not the list: still a hit.
            try await server.push(TestPackage(id: "Alpha.One", version: "1.1.0"))
            _ = try await page()
            #expect(web.pickers.counts == (builds: 1, hits: 2))
            #expect(web.ownedIDs.storeReads == reads + 1)
            // A new id: in the list on the next view.
            try await server.push(TestPackage(id: "Beta.Two", version: "1.0.0"))
            let withBeta = try await page()
            #expect(withBeta.contains(Self.checkbox("Alpha.One", 0)) && withBeta.contains(Self.checkbox("Beta.Two", 1)))
            #expect(web.pickers.counts.builds == 2)
            // Manage Packages reads the same per-account ids.
            #expect(try await web.accountPackagesPage(principal).contains(#">Beta.Two</a>"#))
            // bob made an owner of Beta.Two, then alice removed: gone from alice's list, in bob's.
            try await web.administration.addOwner(try PackageID(validating: "Beta.Two"), accountName: "bob", by: .adminCLI())
            _ = try await page()
            #expect(web.pickers.counts.builds == 2)
            try await web.administration.removeOwner(try PackageID(validating: "Beta.Two"), accountName: "alice", by: .adminCLI())
            let withoutBeta = try await page()
            #expect(withoutBeta.contains(Self.checkbox("Alpha.One", 0)) && !withoutBeta.contains("Beta.Two"))
            #expect(web.pickers.counts.builds == 3)
            #expect(!(try await web.accountPackagesPage(principal)).contains("Beta.Two"))
            let bob = try await server.gallery.authorizer.signedIn(try #require(try await server.gallery.store.user(named: "bob")))
            #expect(String(buffer: try await web.apiKeysPage(bob).plain()).contains(Self.checkbox("Beta.Two", 0)))
        }
    }

    @Test("a full cache drops its least recently used list")
    func bound() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Alpha.One", version: "1.0.0"))
            let cache = PackagePickerCache(byteLimit: 1)
            let snapshot = server.gallery.feed.snapshot()
            _ = cache.picker(owners: [1], owned: [["alpha.one"]], snapshot: snapshot)
            _ = cache.picker(owners: [2], owned: [["alpha.one"]], snapshot: snapshot)
            _ = cache.picker(owners: [2], owned: [["alpha.one"]], snapshot: snapshot)
            #expect(cache.counts == (builds: 2, hits: 1))
            _ = cache.picker(owners: [1], owned: [["alpha.one"]], snapshot: snapshot)
            #expect(cache.counts == (builds: 3, hits: 1))
        }
    }

    @Test("over HTTP with gzip, the page decodes to the same text as without, with the same headers")
    func gzipOverHTTP() async throws {
        try await withWebServer { server in
            for index in 0..<40 { try await server.push(TestPackage(id: "Gzip.Package\(index)", version: "1.0.0")) }
            let alice = try await signedIn(server, "alice")
            let plain = try await alice.get("/account/apikeys")
            let cookie = alice.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let zipped = try await server.client.execute(
                uri: "/account/apikeys", method: .get, headers: [.accept: "text/html", .acceptEncoding: "gzip", .cookie: cookie], body: nil
            ) { response in (response.headers, Data(response.body.readableBytesView)) }
            #expect(zipped.0[.contentEncoding] == "gzip")
            #expect(plain.headers[.contentEncoding] == nil)
            for name in [HTTPField.Name.contentType, .cacheControl, .vary, .contentSecurityPolicy] {
                #expect(zipped.0[name] == plain.headers[name])
            }
            #expect(zipped.0[.contentLength] == String(zipped.1.count))
            let decoded = try #require(GzipEncoder.decode(zipped.1))
            #expect(String(decoding: decoded, as: UTF8.self) == plain.body)
            #expect(zipped.1.suffix(8) == (try #require(GzipEncoder.encode(decoded))).suffix(8))
            #expect(plain.body.contains(Self.checkbox("Gzip.Package39", 33)))
        }
    }
}
