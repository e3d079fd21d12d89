import Foundation
import Gallery
import HTTPTypes
import NuGetCore
import PalletTestSupport
import Testing

/// Every page through the real router: status, one `h1`, the search field, the contract's names and links.
@Suite("web gallery pages")
struct WebPagesTests {
    static let searchField = #"aria-label="Search packages""#

    static func seed(_ server: WebTestServer) async throws {
        var json = TestPackage(id: "Contoso.Json", version: "1.0.0")
        json.description = "Fast JSON for Contoso."
        json.tags = "json serialization"
        json.licenseExpression = "MIT OR Apache-2.0"
        json.readme = "# Contoso.Json\n\nParses **JSON** quickly.\n\n```csharp\nvar x = Json.Parse(text);\n```\n"
        json.extraMetadata = """
            <projectUrl>https://contoso.example/json</projectUrl>
            <repository type="git" url="https://git.example/contoso/json" />
            <releaseNotes>First release.</releaseNotes>
            <copyright>© Contoso</copyright>
            """
        json.dependencyGroups = [(framework: "netstandard2.0", dependencies: [(id: "Contoso.Core", range: "[1.0.0, )")])]
        try await server.push(json)
        var second = json
        second.version = "2.0.0-beta.1"
        try await server.push(second)
        try await server.push(TestPackage(id: "Contoso.Core", version: "1.0.0"))
    }

    @Test("every page answers 200 with one h1, the search field and security headers")
    func everyPage() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            for path in ["/", "/packages", "/packages?q=json", "/packages/Contoso.Json", "/packages/contoso.json/1.0.0",
                         "/packages/Contoso.Json/1.0.0/license", "/profiles/alice", "/stats", "/packages?sortby=created-desc",
                         "/packages?sortby=totalDownloads-desc&q=contoso"] {
                let page = try await server.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.count("<h1") == 1, "\(path) has \(page.count("<h1")) h1")
                #expect(page.body.contains(Self.searchField), "\(path) lacks the search field")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(path)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] != nil, "\(path)")
                #expect(!page.body.contains("<script>"), "\(path) has an inline script")
                #expect(page.body.contains("<main id=\"main\""), "\(path) lacks the main landmark")
                #expect(page.body.contains("Skip to content"), "\(path) lacks the skip link")
            }
        }
    }

    @Test("the package page names its tabs, links and install command")
    func packagePageContract() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            let page = try await server.get("/packages/contoso.json")
            #expect(page.body.contains(#"<span class="package-id">Contoso.Json</span> <span class="package-version">1.0.0</span>"#))
            for tab in ["README", "Dependencies", "Frameworks", "Versions", "Release notes"] {
                #expect(page.body.contains(">\(tab)</a>"), "tab \(tab)")
            }
            for link in ["Download package", "Project website", "Source repository", "License Info", "Contact owners", "Report package"] {
                #expect(page.body.contains(">\(link)</a>"), "link \(link)")
            }
            #expect(page.body.contains(#"href="/profiles/alice""#))
            #expect(page.body.contains("dotnet add package Contoso.Json --version 1.0.0"))
            #expect(page.body.contains("NuGet\\Install-Package Contoso.Json -Version 1.0.0"))
            #expect(page.body.contains("#:package Contoso.Json@1.0.0"))
            #expect(page.body.contains(#"<svg class="chart" role="img""#))
            #expect(page.body.contains("There is a newer prerelease version"))
            #expect(page.body.contains(#"href="https://spdx.org/licenses/MIT.html""#))
            #expect(page.body.contains(#"<a href="/packages/Contoso.Core">Contoso.Core</a> <span class="range">&gt;= 1.0.0</span>"#))
            #expect(page.body.contains("<strong>JSON</strong>"), "README rendered as Markdown")
            #expect(page.body.contains("<h2>Contoso.Json</h2>"), "README headings moved below the page's h1")
            #expect(page.body.contains("First release."))
            let tagLink = try #require(page.body.firstMatch(of: /<a href="(\/packages\?q=tags%3A%22json%22)">json<\/a>/)?.1)
            let tagged = try await server.get(String(tagLink))
            #expect(tagged.body.contains("1 packages returned for tags:&quot;json&quot;"), "a tag link finds the package")
            let short = try await server.get("/packages/contoso.json/1.0")
            #expect(short.status == .ok, "versions match in their normalized form")
            #expect(short.body.contains(#"<span class="package-version">1.0.0</span>"#))
            let prerelease = try await server.get("/packages/Contoso.Json/2.0.0-beta.1")
            #expect(prerelease.body.contains("This is a prerelease version of Contoso.Json."))
        }
    }

    @Test("the download chart shows the flushed downloads of the last 90 days")
    func downloadChart() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            let key = PackageVersionKey(lowerID: "contoso.json", lowerVersion: "1.0.0")
            for _ in 0..<7 { server.gallery.downloads.record(key) }
            await server.gallery.downloads.flush()
            let page = try await server.get("/packages/Contoso.Json")
            #expect(page.body.contains("Downloads per day over the last 90 days: 7 downloads in total"))
            let today = DailyDownloads.day(of: Date().timeIntervalSince1970)
            let history = try await server.gallery.store.dailyDownloads(ofLowerID: "contoso.json", fromDay: today - 1)
            #expect(history == [DailyDownloads(day: today, downloads: 7)])
        }
    }

    @Test("search pages, filters and Previous/Next")
    func searchPaging() async throws {
        try await withWebServer { server in
            for n in 0..<23 { try await server.push(TestPackage(id: "Paged.Package\(n)", version: "1.0.0")) }
            let first = try await server.get("/packages?q=paged")
            #expect(first.body.contains("23 packages returned for paged"))
            #expect(first.count(#"class="package-item""#) == 20)
            #expect(first.body.contains(#"rel="next" href="/packages?q=paged&amp;page=2""#))
            let second = try await server.get("/packages?q=paged&page=2")
            #expect(second.count(#"class="package-item""#) == 3)
            #expect(second.body.contains(#"rel="prev""#))
            let typed = try await server.get("/packages?q=paged&packagetype=DotnetTool")
            #expect(typed.body.contains("0 packages returned"))
        }
    }

    @Test("home and Recently updated follow pushes and unlists (the derived lists are recomputed per feed change)")
    func recentlyUpdated() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Older.Package", version: "1.0.0"))
            let before = try await server.get("/")
            #expect(before.body.contains(">Older.Package</a>"))
            #expect(before.body.contains(#"<span class="total-value">1</span> <span class="total-label">unique packages</span>"#))
            try await server.push(TestPackage(id: "Newer.Package", version: "1.0.0"))
            let browse = try await server.get("/packages?sortby=created-desc")
            let newer = try #require(browse.body.range(of: ">Newer.Package</a>"))
            let older = try #require(browse.body.range(of: ">Older.Package</a>"))
            #expect(newer.lowerBound < older.lowerBound)
            try await server.setListed(false, id: "Older.Package", version: "1.0.0")
            let after = try await server.get("/")
            #expect(!after.body.contains(">Older.Package</a>"))
            #expect(after.body.contains(#"<span class="total-value">1</span> <span class="total-label">package versions</span>"#))
            let stats = try await server.get("/stats")
            #expect(stats.body.contains(">Newer.Package 1.0.0</a>"))
            #expect(!stats.body.contains(">Older.Package 1.0.0</a>"))
        }
    }

    @Test("a missing version redirects to the package with a notice; unlisted versions show a notice and leave lists")
    func missingAndUnlisted() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            let missing = try await server.get("/packages/Contoso.Json/9.9.9")
            #expect(missing.status == .found)
            let location = try #require(missing.headers[.location])
            #expect(location == "/packages/Contoso.Json?requestedVersion=9.9.9")
            let notice = try await server.get(location)
            #expect(notice.body.contains("Version 9.9.9 of Contoso.Json was not found."))
            try await server.setListed(false, id: "Contoso.Core", version: "1.0.0")
            let unlisted = try await server.get("/packages/Contoso.Core/1.0.0")
            #expect(unlisted.status == .ok)
            #expect(unlisted.body.contains("The owner has unlisted this package."))
            let list = try await server.get("/packages")
            #expect(!list.body.contains(">Contoso.Core</a>"))
        }
    }

    @Test("a version inside an advisory's range shows the vulnerability alert with the advisory link; others do not")
    func vulnerabilityAlert() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            try await server.gallery.addAdvisory(
                id: "PALLET-2026-1", package: "Contoso.Json", versions: try VersionRange(parsing: "[1.0.0]"), severity: 2,
                url: "https://advisories.example/PALLET-2026-1", by: .adminCLI())
            let affected = try await server.get("/packages/Contoso.Json/1.0.0")
            #expect(affected.body.contains("This version has at least one known vulnerability."))
            #expect(affected.body.contains("https://advisories.example/PALLET-2026-1"))
            #expect(affected.body.contains("Advisory (high)"))
            let fixed = try await server.get("/packages/Contoso.Json/2.0.0-beta.1")
            #expect(!fixed.body.contains("known vulnerability"))
            // Search marks a package whose shown (latest) version is affected.
            #expect(try await server.get("/packages?q=Contoso.Json&prerel=false").body.contains(">Vulnerable</span>"))
            #expect(!(try await server.get("/packages?q=Contoso.Json").body.contains(">Vulnerable</span>")))
        }
    }

    @Test("unknown packages, versions' licenses and profiles are HTML 404s; NuGet endpoints keep plain text")
    func notFound() async throws {
        try await withWebServer { server in
            for path in ["/packages/No.Such.Package", "/profiles/nobody", "/packages/No.Such/1.0.0/license", "/packages/%3Cscript%3E"] {
                let page = try await server.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.count("<h1") == 1, "\(path)")
                #expect(!page.body.contains("<script>"), "\(path)")
            }
            let browser = try await server.get("/no/such/page", headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(browser.status == .notFound)
            #expect(browser.body.contains("Page not found"))
            let client = try await server.get("/v3/no/such/thing", headers: [.accept: "text/html"])
            #expect(client.status == .notFound)
            #expect(!client.body.contains("<html"))
        }
    }

    @Test("pages are gzip-compressed for clients that accept it; assets are cached for a year")
    func compressionAndAssets() async throws {
        try await withWebServer { server in
            let plain = try await server.get("/")
            let zipped = try await server.get("/", headers: [.acceptEncoding: "gzip, deflate"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(plain.headers[.contentEncoding] == nil)
            let stylesheet = try #require(plain.body.firstMatch(of: /href="(\/assets\/[0-9a-f]+\/site\.css)"/)?.1)
            let css = try await server.get(String(stylesheet))
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.body.contains("prefers-color-scheme: dark"))
        }
    }

    @Test("the Atom feed lists the listed versions, newest first")
    func atomFeed() async throws {
        try await withWebServer { server in
            try await Self.seed(server)
            let feed = try await server.get("/packages/contoso.json/atom.xml")
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let beta = try #require(feed.body.range(of: "<title>Contoso.Json 2.0.0-beta.1</title>"))
            let stable = try #require(feed.body.range(of: "<title>Contoso.Json 1.0.0</title>"))
            #expect(beta.lowerBound < stable.lowerBound)
        }
    }
}
