import Foundation
import Gallery
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging
import NIOCore
import PalletApp
import PalletTestSupport

/// A page as the tests read it.
struct Page {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    /// Number of non-overlapping occurrences of `text`.
    func count(_ text: String) -> Int {
        body.components(separatedBy: text).count - 1
    }
}

/// The real application (SQLite + blob folder in a temp directory) with `alice` able to push, and a client.
struct WebTestServer: Sendable {
    let client: any TestClientProtocol
    let gallery: PackageGallery
    let apiKey: String
    let directory: URL

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await client.execute(uri: path, method: .get, headers: headers, body: nil) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// Pushes a package built in code as alice.
    func push(_ package: TestPackage) async throws {
        let url = try package.write(to: directory)
        _ = try await gallery.push(packageAt: url.path, by: try await gallery.authenticator.authenticate(apiKey))
    }

    /// Unlists or relists a version as alice.
    func setListed(_ listed: Bool, id: String, version: String) async throws {
        let (packageID, parsed) = try PackageGallery.parse(id: id, version: version)
        _ = try await gallery.setListed(listed, id: packageID, version: parsed, by: try await gallery.authenticator.authenticate(apiKey))
    }
}

/// Runs `body` against a fresh installation from the one test harness (`withTestApplication`) on the suite's
/// backend (`TestBackend`: SQLite + blob folder, or PostgreSQL + S3 when `PALLET_TEST_BACKEND=postgres-s3`).
func withWebServer(_ body: @escaping @Sendable (WebTestServer) async throws -> Void) async throws {
    var options = TestServerOptions()
    var logger = Logger(label: "pallet.web-tests")
    logger.logLevel = .critical
    options.logger = logger
    try await withTestApplication(options) { client, environment in
        try await body(WebTestServer(
            client: client, gallery: environment.gallery, apiKey: environment.apiKey, directory: environment.dataDirectory))
    }
}

/// Package content written to break pages: markup, script, quotes and a `javascript:` URL in every field a
/// package controls. Each string is XML-escaped for the nuspec (TestPackage inserts fields verbatim).
enum HostileCorpus {
    static let script = "<script>window.pwned=1</script>"
    static let attribute = "\"><img src=x onerror=window.pwned=1>"
    static let readme = """
        # Hostile README
        <script>window.pwned=1</script>
        <img src=x onerror="window.pwned=1">

        [click](javascript:window.pwned=1) [data](data:text/html,<script>window.pwned=1</script>) [ok](https://example.com/ok)
        ![tracker](http://tracker.example/pixel.png) ![safe](https://images.example/logo.png)
        <iframe src="https://evil.example"></iframe>
        """

    static var package: TestPackage {
        var package = TestPackage(id: "Hostile.Package", version: "1.0.0")
        package.description = xml(script + attribute)
        package.title = xml("</title>" + script)
        package.authors = xml("Mallory " + attribute)
        package.tags = xml("<b>bold</b> \"quoted\" " + "javascript:alert(1)")
        package.readme = readme
        package.extraMetadata = """
            <copyright>\(xml(script))</copyright>
            <releaseNotes>\(xml(script + attribute))</releaseNotes>
            <repository type="git" url="\(xml("https://example.com/\"><script>x</script>"))" />
            """
        return package
    }

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
