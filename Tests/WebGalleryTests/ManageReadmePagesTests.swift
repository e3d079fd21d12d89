import Foundation
import Gallery
import GalleryTestSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import WebGallery

extension TestBrowser {
    /// Posts the Documentation form as `multipart/form-data`: text fields and an optional `.md` file, bytes untouched.
    func postReadme(_ path: String, fields: [(String, Data)], file: Data? = nil, sameOrigin: Bool = true) async throws -> Page {
        let boundary = "----pallet-readme-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8) + value + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"ReadmeFile\"; filename=\"\(file == nil ? "" : "README.md")\"\r\n".utf8)
        body += Data("Content-Type: \(file == nil ? "application/octet-stream" : "text/markdown")\r\n\r\n".utf8) + (file ?? Data())
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.accept: "text/html", .contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !sameOrigin { headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site" }
        return try await server.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// The Documentation form's action (its CSRF token in the query), as the Manage page writes it.
    static func readmeAction(_ page: Page) -> String? {
        guard let range = page.body.range(of: #"enctype="multipart/form-data""#) else { return nil }
        let before = page.body[..<range.lowerBound]
        guard let action = before.range(of: #"action=""#, options: .backwards) else { return nil }
        return String(before[action.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite("web manage: replacing a version's README (Documentation)")
struct ManageReadmePagesTests {
    static let key = PackageVersionKey(lowerID: "doc.package", lowerVersion: "1.0.0")
    static var packed: TestPackage {
        var package = TestPackage(id: "Doc.Package", version: "1.0.0")
        package.readme = "# Packed readme"
        return package
    }

    @Test("paste Markdown: the package page and V3's readme show it; revert brings the packed README back; audited")
    func replaceAndRevert() async throws {
        try await withWebServer { server in
            try await server.push(Self.packed)
            let alice = try await signedIn(server, "alice")
            let before = try await alice.get("/packages/Doc.Package/1.0.0")
            #expect(before.body.contains("Packed readme"))
            let manage = try await alice.get("/packages/Doc.Package/1.0.0/Manage")
            #expect(manage.body.contains(#"<label for="readme-markdown">README (Markdown)</label>"#))
            #expect(manage.body.contains(#"<label for="readme-file">Or upload a .md file</label>"#))
            #expect(manage.body.contains("at most 1 MB"))
            #expect(manage.body.contains("# Packed readme</textarea>"))
            #expect(!manage.body.contains("A package is immutable"))
            let action = try #require(TestBrowser.readmeAction(manage))
            #expect(action.hasPrefix("/packages/Doc.Package/1.0.0/Manage/Readme?__RequestVerificationToken="))
            let saved = try await alice.postReadme(action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data("# Owner's new words\r\n\r\nFresh text.".utf8))])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/packages/Doc.Package/1.0.0/Manage?done=readme-replaced#documentation")
            let page = try await alice.get("/packages/Doc.Package/1.0.0")
            #expect(page.body.contains("Fresh text.") && !page.body.contains("Packed readme"))
            let v3 = try await server.get("/v3/flat/doc.package/1.0.0/readme")
            #expect(v3.status == .ok && v3.body == "# Owner's new words\n\nFresh text.")
            let registration = try await server.get("/v3/registration/doc.package/index.json")
            #expect(registration.body.contains("readmeUrl"))
            let record = try #require(try await server.gallery.store.version(Self.key))
            #expect(record.metadata.readmeReplaced == true && record.metadata.hasReadme)
            let after = try await alice.get("/packages/Doc.Package/1.0.0/Manage?done=readme-replaced")
            #expect(after.body.contains("The README is replaced.") && after.body.contains("Revert to the package&#39;s README")
                    || after.body.contains("Revert to the package's README"))
            let reverted = try await alice.postReadme(
                try #require(TestBrowser.readmeAction(after)), fields: [("Section", Data("revert-readme".utf8))])
            #expect(reverted.status == .seeOther)
            #expect(try await alice.get("/packages/Doc.Package/1.0.0").body.contains("Packed readme"))
            #expect(try await server.get("/v3/flat/doc.package/1.0.0/readme").body == "# Packed readme")
            let actions = try await server.gallery.store.auditEvents(since: nil).map(\.action)
            #expect(actions.contains("package.readme-replaced") && actions.contains("package.readme-reverted"))
        }
    }

    @Test("a .md upload gives a package without README one; revert takes it away again")
    func uploadFile() async throws {
        try await withWebServer { server in
            try await server.push(TestPackage(id: "Doc.Package", version: "1.0.0"))
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Doc.Package/1.0.0/Manage")
            #expect(manage.body.contains("has no README"))
            #expect(!(try await server.get("/v3/registration/doc.package/index.json").body.contains("#readme-body-tab")))
            let action = try #require(TestBrowser.readmeAction(manage))
            let saved = try await alice.postReadme(
                action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data())], file: Data("## From a file\n\nUploaded.".utf8))
            #expect(saved.status == .seeOther)
            #expect(try await alice.get("/packages/Doc.Package/1.0.0").body.contains("Uploaded."))
            #expect(try await server.get("/v3/flat/doc.package/1.0.0/readme").body == "## From a file\n\nUploaded.")
            // The id's documents are re-rendered: registration's readmeUrl now points at the page's README tab.
            #expect(try await server.get("/v3/registration/doc.package/index.json").body.contains("#readme-body-tab"))
            _ = try await alice.postReadme(action, fields: [("Section", Data("revert-readme".utf8))])
            #expect(try await server.gallery.store.version(Self.key)?.metadata.hasReadme == false)
            #expect(try await server.get("/v3/flat/doc.package/1.0.0/readme").status == .notFound)
        }
    }

    @Test("refusals: empty, over 1 MB, not UTF-8 are field messages; another user 403; no or wrong CSRF 403")
    func refusals() async throws {
        try await withWebServer { server in
            try await server.push(Self.packed)
            let alice = try await signedIn(server, "alice")
            let manage = try await alice.get("/packages/Doc.Package/1.0.0/Manage")
            let action = try #require(TestBrowser.readmeAction(manage))
            let empty = try await alice.postReadme(action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data("  \r\n".utf8))])
            #expect(empty.status == .badRequest)
            #expect(empty.body.contains(#"<span id="readme-error" class="form-error">Enter the README&#39;s Markdown or choose a .md file.</span>"#)
                    || empty.body.contains(#"id="readme-error""#))
            #expect(empty.body.contains(#"aria-invalid="true""#))
            let large = try await alice.postReadme(
                action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data(repeating: UInt8(ascii: "a"), count: 1_048_577))])
            #expect(large.status == .badRequest && large.body.contains("larger than 1 MB"))
            let huge = try await alice.postReadme(
                action, fields: [("Section", Data("replace-readme".utf8))], file: Data(repeating: UInt8(ascii: "b"), count: 3_000_000))
            #expect(huge.status == .badRequest && huge.body.contains("larger than 1 MB"))
            let latin1 = try await alice.postReadme(action, fields: [("Section", Data("replace-readme".utf8))], file: Data([0x43, 0x61, 0x66, 0xE9]))
            #expect(latin1.status == .badRequest && latin1.body.contains("not UTF-8"))
            let forged = try await alice.postReadme(
                "/packages/Doc.Package/1.0.0/Manage/Readme", fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data("x".utf8))])
            #expect(forged.status == .forbidden)
            let crossSite = try await alice.postReadme(
                action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data("x".utf8))], sameOrigin: false)
            #expect(crossSite.status == .forbidden)
            let bob = try await signedIn(server, "bob")
            let home = try await bob.get("/")
            let bobs = try await bob.postReadme(
                "/packages/Doc.Package/1.0.0/Manage/Readme?__RequestVerificationToken=" + (TestBrowser.token(home) ?? ""),
                fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data("# Bob was here".utf8))])
            #expect(bobs.status == .forbidden)
            #expect(try await server.get("/v3/flat/doc.package/1.0.0/readme").body == "# Packed readme")
            #expect(try await server.gallery.store.version(Self.key)?.metadata.readmeReplaced == nil)
        }
    }

    @Test("hostile Markdown stays inert on the package page")
    func hostile() async throws {
        try await withWebServer { server in
            try await server.push(Self.packed)
            let alice = try await signedIn(server, "alice")
            let action = try #require(TestBrowser.readmeAction(try await alice.get("/packages/Doc.Package/1.0.0/Manage")))
            let hostile = """
                <script>alert(1)</script>
                <img src=x onerror=alert(2)>
                [click](javascript:alert(3))
                <iframe src="https://evil.example"></iframe>
                """
            let saved = try await alice.postReadme(action, fields: [("Section", Data("replace-readme".utf8)), ("ReadmeMarkdown", Data(hostile.utf8))])
            #expect(saved.status == .seeOther)
            let page = try await server.get("/packages/Doc.Package/1.0.0")
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(!page.body.contains("<img src=x onerror"))
            #expect(!page.body.contains(#"href="javascript:"#))
            #expect(!page.body.contains("<iframe"))
            // The Manage page's textarea shows the stored text escaped.
            let manage = try await alice.get("/packages/Doc.Package/1.0.0/Manage")
            #expect(manage.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}

@Suite("web manage: MultipartForm")
struct MultipartFormTests {
    @Test("reads text and file parts by name")
    func parts() {
        let body = "--XX\r\nContent-Disposition: form-data; name=\"Section\"\r\n\r\nreplace-readme\r\n--XX\r\nContent-Disposition: form-data; name=\"ReadmeFile\"; filename=\"a.md\"\r\nContent-Type: text/markdown\r\n\r\n# A\r\n--XX--\r\n"
        let form = MultipartForm.parse(Array(body.utf8), contentType: "multipart/form-data; boundary=XX")
        #expect(form?["Section"] == Data("replace-readme".utf8))
        #expect(form?["ReadmeFile"] == Data("# A".utf8))
    }
}

@Suite("web manage: README blobs")
struct ReadmeBlobKeyTests {
    @Test("the kept-aside packed README has its own path, found again by the store copier; READMEs are not immutable")
    func keys() {
        let key = PackageVersionKey(lowerID: "doc.package", lowerVersion: "1.0.0")
        #expect(BlobKey.readmeOriginal(key).path == "packages/doc.package/1.0.0/readme.original")
        #expect(BlobKey(path: "packages/doc.package/1.0.0/readme.original") == .readmeOriginal(key))
        #expect(BlobKey(path: "packages/doc.package/1.0.0/readme") == .readme(key))
        #expect(BlobKey.readme(key).cacheControl == "public, max-age=300")
        #expect(BlobKey.readme(key).contentType == "text/markdown; charset=utf-8")
    }
}
