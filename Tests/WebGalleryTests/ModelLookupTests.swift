import Foundation
import Gallery
import GalleryTestSupport
import Mustache
import Testing
@testable import WebGallery

@Suite("web models: named lookups agree with Mirror")
struct ModelLookupTests {
    /// Every stored property of `model`, by its label, is what `child(named:)` returns (nil for a nil optional,
    /// as swift-mustache's Mirror path gives), and an unknown name is nil.
    static func agree(_ model: some MustacheParent) {
        for child in Mirror(reflecting: model).children {
            let label = try! #require(child.label)
            let mirrored = Mirror(reflecting: child.value)
            let expected: Any? = mirrored.displayStyle == .optional ? mirrored.children.first?.value : child.value
            #expect(String(describing: model.child(named: label)) == String(describing: expected), "\(type(of: model)).\(label)")
        }
        #expect(model.child(named: "noSuchField") == nil)
    }

    @Test("package item, owner, link and layout models")
    func models() async throws {
        try await withWebServer { server in
            var package = TestPackage(id: "Lookup.Package", version: "1.0.0-beta")
            package.tags = (1...12).map { "tag\($0)" }.joined(separator: " ")
            try await server.push(package)
            let record = try #require(try await server.gallery.store.versions(ofLowerID: "lookup.package").first)
            let item = PackageItemModel(record: record, owners: ["alice"], verified: true, totalDownloads: 1_234)
            #expect(item.moreTags == 2)
            Self.agree(item)
            Self.agree(PackageItemModel(record: record, owners: [], verified: false, totalDownloads: 0))
            Self.agree(OwnerModel(name: "alice"))
            Self.agree(LinkModel(name: "tag", url: "/packages?q=tags%3A%22tag%22"))
            var layout = LayoutModel(title: "T", siteName: "Pallet", feedAddress: "http://x/v3/index.json")
            Self.agree(layout)
            layout.query = "q"
            layout.description = "d"
            layout.feedURL = "/f"
            layout.feedTitle = "F"
            layout.account = AccountMenuModel(name: "alice", csrf: "token")
            Self.agree(layout)
        }
    }

    @Test("the package page's model and its version rows")
    func packagePage() async throws {
        try await withWebServer { server in
            var package = TestPackage(id: "Lookup.Page", version: "2.0.0")
            package.tags = "one two"
            try await server.push(TestPackage(id: "Lookup.Page", version: "1.0.0"))
            try await server.push(package)
            let web = WebGallery(gallery: server.gallery)
            let feed = try #require(server.gallery.feed.snapshot().packages["lookup.page"])
            for record in try await server.gallery.store.versions(ofLowerID: "lookup.page") {
                for manager in [false, true] {
                    var model = try await web.packageModel(package: feed, current: record, missing: "9.9.9", manager: manager)
                    Self.agree(model)
                    model.manageURL = "/packages/Lookup.Page/2.0.0/Manage"
                    Self.agree(model)
                    for row in model.versions { Self.agree(row) }
                }
            }
        }
    }
}
