import Foundation
import Gallery
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PalletApp
import PalletTestSupport
import Testing

/// The real application (`pallet serve`'s wiring) on a fresh temp folder, with a publisher key.
struct V2Server: Sendable {
    static let baseURL = "http://pallet.test"
    let client: any TestClientProtocol
    let gallery: PackageGallery
    let apiKey: String

    /// Runs `body` against a fresh server on the test backend (`TestBackend.current`: embedded, or
    /// PostgreSQL + S3 with its own database and bucket); the folder and the database are removed afterwards.
    /// Runs `body` against a fresh server from the one test harness (`withTestApplication`), publishing as `alice`.
    static func with(_ body: @escaping @Sendable (V2Server) async throws -> Void) async throws {
        try await withTestApplication(TestServerOptions()) { client, environment in
            try await body(V2Server(client: client, gallery: environment.gallery, apiKey: environment.apiKey))
        }
    }

    func get(_ path: String) async throws -> TestResponse {
        let relative = path.hasPrefix(Self.baseURL) ? String(path.dropFirst(Self.baseURL.count)) : path
        return try await client.execute(uri: relative, method: .get, headers: [:], body: nil)
    }

    /// GET expecting 200 and an Atom feed.
    func feed(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AtomFeed {
        let response = try await get(path)
        #expect(response.status == .ok, "GET \(path): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        return try AtomFeed(parsing: response.data)
    }

    /// Every entry of a feed, following `next` links (and failing if one repeats).
    func allPages(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [AtomEntry] {
        var entries: [AtomEntry] = []
        var next: String? = path
        var seen = Set<String>()
        while let url = next {
            #expect(seen.insert(url).inserted, "next link repeats: \(url)", sourceLocation: sourceLocation)
            if seen.count > 50 { break }
            let page = try await feed(url, sourceLocation: sourceLocation)
            entries += page.entries
            next = page.nextLink
        }
        return entries
    }

    /// Pushes a nupkg as nuget.exe 2.8.7 on Mono does: PUT to the V2 root, multipart with a CRLF
    /// before the part but only LF before the closing delimiter.
    @discardableResult
    func push(_ nupkg: Data, key: String? = nil, path: String = "/api/v2/") async throws -> TestResponse {
        let boundary = "---------------------------8df4811de259962"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"package\"; filename=\"package\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += nupkg
        body += Data("\n--\(boundary)--\n".utf8)
        return try await client.execute(
            uri: path, method: .put,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .nuGetAPIKey: key ?? apiKey],
            body: ByteBuffer(bytes: body)
        )
    }

    /// Builds and pushes a test package, expecting 201; returns its bytes.
    @discardableResult
    func push(_ id: String, _ version: String, sourceLocation: SourceLocation = #_sourceLocation,
              configure: (inout TestPackage) -> Void = { _ in }) async throws -> Data {
        var package = TestPackage(id: id, version: version)
        configure(&package)
        let nupkg = try package.data()
        let response = try await push(nupkg)
        #expect(response.status == .created, "push \(id) \(version): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        return nupkg
    }

    /// nuget.exe 2.x's unlist: DELETE `{source}/{id}/{version}`.
    @discardableResult
    func unlist(_ id: String, _ version: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/v2/\(id)/\(version)", method: .delete, headers: [.nuGetAPIKey: apiKey], body: nil)
    }
}

extension HTTPField.Name {
    static let nuGetAPIKey = HTTPField.Name("X-NuGet-ApiKey")!
}

extension TestResponse {
    /// The body, gzip-decoded when the server sent `Content-Encoding: gzip` (the `-gz` registration hives).
    var data: Data {
        let raw = Data(body.readableBytesView)
        guard headers[.contentEncoding] == "gzip" else { return raw }
        return GzipEncoder.decode(raw) ?? raw
    }
    var text: String { String(decoding: data, as: UTF8.self) }
}
