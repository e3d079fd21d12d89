import Foundation
import HTTPPlumbing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The test's view of the server: what a NuGet client sends (paths, `X-NuGet-ApiKey`, multipart
/// pushes) and helpers to follow the absolute URLs the server writes into documents.
struct FeedClient: Sendable {
    let client: any TestClientProtocol
    let baseURL: String

    /// The listening port in `.live` mode (nil with `.router`).
    var port: Int? { client.port }

    /// Sends a request; `path` may be a path (`/v3/index.json`) or an absolute URL under the base.
    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], body: Data? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: try Self.relative(path, base: baseURL), method: method, headers: headers,
            body: body.map { ByteBuffer(bytes: $0) }
        )
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.get, path, headers: headers)
    }

    func head(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.head, path, headers: headers)
    }

    /// GETs a JSON document, failing the test (and throwing) unless it is a 200 with JSON.
    func json(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        let response = try await get(path)
        #expect(response.status == .ok, "GET \(path): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        return try JSON(data: response.data)
    }

    /// Pushes a package the way `dotnet nuget push` does: multipart PUT to `{PackagePublish @id}/`.
    @discardableResult
    func push(_ nupkg: Data, apiKey: String?, path: String = "/api/v2/package/") async throws -> TestResponse {
        try await push(multipart: .package(nupkg), apiKey: apiKey, path: path)
    }

    /// Pushes an arbitrary multipart body.
    func push(multipart: MultipartBody, apiKey: String?, path: String = "/api/v2/package/") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: multipart.contentType]
        if let apiKey { headers[.nuGetAPIKey] = apiKey }
        return try await send(.put, path, headers: headers, body: multipart.data)
    }

    /// `dotnet nuget delete` = unlist: `DELETE {base}/{id}/{version}` with the id and version as typed.
    func unlist(_ id: String, _ version: String, apiKey: String?) async throws -> TestResponse {
        try await send(.delete, "/api/v2/package/\(id)/\(version)", headers: Self.keyHeaders(apiKey))
    }

    /// Relist: `POST {base}/{id}/{version}`.
    func relist(_ id: String, _ version: String, apiKey: String?) async throws -> TestResponse {
        try await send(.post, "/api/v2/package/\(id)/\(version)", headers: Self.keyHeaders(apiKey))
    }

    static func keyHeaders(_ apiKey: String?) -> HTTPFields {
        var headers: HTTPFields = [:]
        if let apiKey { headers[.nuGetAPIKey] = apiKey }
        return headers
    }

    /// The request path of `url`: URLs written by the server must be absolute and under the base (§12.2).
    static func relative(_ url: String, base: String) throws -> String {
        if url.hasPrefix("/") { return url }
        guard url.hasPrefix(base + "/") else { throw NotUnderBase(url: url, base: base) }
        return String(url.dropFirst(base.count))
    }

    struct NotUnderBase: Error, CustomStringConvertible {
        let url: String
        let base: String
        var description: String { "'\(url)' is not an absolute URL under \(base)" }
    }
}

extension HTTPField.Name {
    static let nuGetAPIKey = HTTPField.Name("X-NuGet-ApiKey")!
}

extension TestResponse {
    /// The body bytes, gzip-decoded when the server sent `Content-Encoding: gzip` (as NuGet.Client does).
    var data: Data {
        let raw = Data(body.readableBytesView)
        guard headers[.contentEncoding] == "gzip" else { return raw }
        return GzipEncoder.decode(raw) ?? raw
    }
    /// The bytes exactly as sent.
    var rawData: Data { Data(body.readableBytesView) }
    /// The body as UTF-8 text (decoded like `data`).
    var text: String { String(decoding: data, as: UTF8.self) }
    /// The body parsed as JSON.
    func json() throws -> JSON { try JSON(data: data) }
}
