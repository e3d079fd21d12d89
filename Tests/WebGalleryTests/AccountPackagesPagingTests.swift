import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import Testing
@testable import WebGallery

@Suite("web manage: Manage Packages paged and filtered")
struct AccountPackagesPagingTests {
    static let size = AccountPackagesQuery.pageSize

    /// The ids of the published rows on a page, in order.
    static func rows(_ page: Page) -> [String] {
        page.body.matches(of: /<tr><td><a href="\/packages\/[^"]+">([^<]+)<\/a>/).map { String($0.output.1) }
    }

    @Test("pages of each table, Previous/Next, totals; out-of-range and unreadable page numbers get a clear page")
    func paging() async throws {
        try await withWebServer { server in
            let count = Self.size + 5
            for index in 0..<count { try await server.push(TestPackage(id: String(format: "Paged.Pkg.%03d", index), version: "1.0.0")) }
            try await server.push(TestPackage(id: "Hidden.Pkg", version: "1.0.0"))
            try await server.setListed(false, id: "Hidden.Pkg", version: "1.0.0")
            let alice = try await signedIn(server, "alice")
            let first = try await alice.get("/account/Packages")
            #expect(first.status == .ok)
            #expect(Self.rows(first) == (0..<Self.size).map { String(format: "Paged.Pkg.%03d", $0) } + ["Hidden.Pkg"])
            #expect(first.body.contains("Showing 1–\(Self.size) of \(count)."))
            #expect(first.body.contains("1 package."))
            #expect(first.body.contains("Page 1 of 2"))
            #expect(first.body.contains(#"<a class="button" rel="next" href="/account/Packages?page=2">"#))
            #expect(!first.body.contains(#"rel="prev""#))
            let second = try await alice.get("/account/Packages?page=2")
            #expect(Self.rows(second) == (Self.size..<count).map { String(format: "Paged.Pkg.%03d", $0) })
            #expect(second.body.contains("Showing \(Self.size + 1)–\(count) of \(count)."))
            #expect(second.body.contains(#"<p class="empty">On earlier pages: 1 in all.</p>"#))
            #expect(second.body.contains(#"<a class="button" rel="prev" href="/account/Packages">"#) && !second.body.contains(#"rel="next""#))
            // Past the end: the last page, and a sentence saying so.
            let past = try await alice.get("/account/Packages?page=999")
            #expect(past.status == .ok)
            #expect(past.body.contains("There is no page 999: the list has 2 pages. This is the last one."))
            #expect(Self.rows(past) == Self.rows(second))
            for unreadable in ["abc", "0", "-3", "", "99999999999999999999"] {
                let page = try await alice.get("/account/Packages?page=\(unreadable)")
                #expect(page.status == .ok, "page=\(unreadable)")
                #expect(Self.rows(page) == Self.rows(unreadable.hasPrefix("9") ? past : first), "page=\(unreadable)")
            }
        }
    }

    @Test("filter by id (a GET form), with no match, with markup; by owning account, and an account that is not theirs")
    func filters() async throws {
        try await withWebServer { server in
            for id in ["Contoso.Json", "Contoso.Http", "Fabrikam.Json"] { try await server.push(TestPackage(id: id, version: "1.0.0")) }
            let alice = try await signedIn(server, "alice")
            let form = try await alice.get("/account/Packages")
            #expect(form.body.contains(#"<form class="search-filters package-filter" role="search" method="get" action="/account/Packages">"#))
            #expect(form.body.contains(#"<label for="filter-q">Filter by ID</label>"#) && form.body.contains(#"<label for="filter-owner">Package owner</label>"#))
            #expect(form.body.contains(#"<option value="" selected>All owners</option><option value="alice">alice</option>"#))
            let json = try await alice.get("/account/Packages?q=JSON")
            #expect(Self.rows(json) == ["Contoso.Json", "Fabrikam.Json"])
            #expect(json.body.contains(#"value="JSON""#) && json.body.contains("2 packages."))
            #expect(!json.body.contains("Page 1 of"))
            let none = try await alice.get("/account/Packages?q=nothing.here")
            #expect(none.status == .ok)
            #expect(Self.rows(none).isEmpty)
            #expect(none.body.contains("No published package ID contains &quot;nothing.here&quot;."))
            let markup = try await alice.get("/account/Packages?q=%3Cscript%3E")
            #expect(!markup.body.contains("<script>") && markup.body.contains("&lt;script&gt;"))
            let mine = try await alice.get("/account/Packages?owner=ALICE&q=contoso")
            #expect(Self.rows(mine) == ["Contoso.Http", "Contoso.Json"])
            #expect(mine.body.contains(#"<option value="alice" selected>alice</option>"#))
            let other = try await alice.get("/account/Packages?owner=bob")
            #expect(other.status == .badRequest)
            #expect(other.body.contains("You manage no packages of an account named &quot;bob&quot;."))
            #expect(Self.rows(other) == ["Contoso.Http", "Contoso.Json", "Fabrikam.Json"])
        }
    }
}
