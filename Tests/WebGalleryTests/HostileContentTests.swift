import Foundation
import Gallery
import HTTPTypes
import PalletTestSupport
import Testing
@testable import WebGallery

/// Untrusted package content stays inert: escaped in text and attributes, no script, no unsafe link.
@Suite("hostile package content")
struct HostileContentTests {
    @Test("markup in every package field is escaped on the package, search, profile and home pages")
    func escaped() async throws {
        try await withWebServer { server in
            try await server.push(HostileCorpus.package)
            for path in ["/packages/Hostile.Package", "/packages?q=hostile", "/profiles/alice", "/", "/stats",
                         "/packages/Hostile.Package/1.0.0/license"] {
                let page = try await server.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.contains("<script>"), "\(path) lets a script tag through")
                #expect(!page.body.contains("<img src=x"), "\(path) lets an img tag through")
                #expect(!page.body.contains("<b>bold"), "\(path) lets markup through")
                #expect(!page.body.contains("<iframe"), "\(path) lets an iframe through")
                #expect(!page.body.lowercased().contains("href=\"javascript:"), "\(path) links to javascript:")
                #expect(page.count("<h1") == 1, "\(path)")
            }
            let package = try await server.get("/packages/Hostile.Package")
            #expect(package.body.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"), "description shown as text")
            #expect(package.body.contains(#"<a rel="nofollow ugc noopener" href="https://example.com/ok">ok</a>"#))
            #expect(package.body.contains(#"<a rel="nofollow ugc noopener" href="https://images.example/logo.png">safe</a>"#),
                    "an https image becomes a link")
            #expect(!package.body.contains("tracker.example"), "an http image is dropped")
        }
    }

    @Test("the Markdown renderer drops raw HTML and unsafe links, demotes headings, never loads images",
          arguments: [
              ("<script>alert(1)</script>", "<script"),
              ("[x](javascript:alert(1))", "javascript:"),
              ("[x](JaVaScRiPt:alert(1))", "avascript:"),
              ("[x](vbscript:msgbox)", "vbscript:"),
              ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
              ("[x](ms-settings:privacy)", "ms-settings:"),
              ("![x](https://a.example/i.png)", "<img"),
              ("<a href=\"https://a.example\" onclick=\"alert(1)\">x</a>", "onclick"),
              ("# Title", "<h1"),
          ])
    func markdown(input: String, forbidden: String) {
        let html = MarkdownRenderer.html(input)
        #expect(!html.contains(forbidden), "\(input) → \(html)")
    }

    @Test("1 MB of pathological Markdown renders (cmark-gfm is linear; Ink took over a minute on this input)")
    func pathological() {
        let html = MarkdownRenderer.html(String(repeating: "[x](", count: 250_000))
        #expect(html.hasPrefix("<p>[x]("))
    }

    @Test("GFM tables, task lists, strikethrough and autolinks render")
    func gfm() {
        let html = MarkdownRenderer.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ https://example.com\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("aria-label=\"Done\" checked"), "task-list checkboxes are named")
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains(#"href="https://example.com""#))
    }
}
