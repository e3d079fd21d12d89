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
        _ = try await gallery.push(packageAt: url.path, apiKey: apiKey)
    }
}

/// Runs `body` against a fresh installation on the suite's backend (`TestBackend`: SQLite + blob folder, or
/// PostgreSQL + S3 when `PALLET_TEST_BACKEND=postgres-s3`), removed afterwards.
func withWebServer(_ body: @escaping @Sendable (WebTestServer) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-web-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let backend = TestBackend.current
    await backend.concurrencyLimit?.acquire()
    do {
        try await runWebServer(directory: directory, backend: backend, body)
        await backend.cleanUp(dataDirectory: directory)
        await backend.concurrencyLimit?.release()
    } catch {
        await backend.cleanUp(dataDirectory: directory)
        await backend.concurrencyLimit?.release()
        throw error
    }
}

private func runWebServer(
    directory: URL, backend: TestBackend, _ body: @escaping @Sendable (WebTestServer) async throws -> Void
) async throws {
    var config = ServerConfig()
    config.dataDirectory = directory.appendingPathComponent("data").path
    config.host = "127.0.0.1"
    config.port = 0
    config.baseURL = "http://pallet.test"
    try await backend.apply(to: &config, dataDirectory: directory)
    var logger = Logger(label: "pallet.web-tests")
    logger.logLevel = .critical
    let (app, gallery) = try await PalletServer.makeApplication(config: config, logger: logger)
    do {
        _ = try await gallery.accounts.createUser(name: "alice", email: "alice@pallet.test")
        let key = try await gallery.accounts.createAPIKey(
            userName: "alice", name: "web", scopes: [.push, .pushVersions, .unlist], expiresInDays: 30)
        try await app.test(.router) { client in
            try await body(WebTestServer(client: client, gallery: gallery, apiKey: key.secret, directory: directory))
        }
    } catch {
        await gallery.shutdown()
        throw error
    }
    await gallery.shutdown()
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
