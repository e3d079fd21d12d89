public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// `pallet push`'s client: publishes `.nupkg` files to a NuGet feed's push endpoint (`PackagePublish/2.0.0`)
/// as `dotnet nuget push` does: `PUT` with `X-NuGet-ApiKey` and a `multipart/form-data` body holding one
/// `package` part. Works against any NuGet server, Pallet included.
public struct PushClient: Sendable {
    /// The push URL (resolved from a service index when given one).
    public let pushURL: String
    let apiKey: String
    let http: HTTPClient
    let timeout: TimeAmount

    /// Why the source could not be used.
    public struct SourceError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A client for `source`: a V3 service index (`…/index.json`, whose `PackagePublish/2.0.0` resource is
    /// used), a push URL (`…/api/v2/package`), or a server's base URL (`/api/v2/package` is appended).
    public static func resolving(
        source: String, apiKey: String, http: HTTPClient = .shared, timeoutSeconds: Int64 = 300
    ) async throws -> PushClient {
        let timeout = TimeAmount.seconds(timeoutSeconds)
        var trimmed = source
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") else {
            throw SourceError(description: "The source '\(source)' is not an http(s) URL.")
        }
        let pushURL: String
        if trimmed.hasSuffix(".json") {
            pushURL = try await publishResource(serviceIndex: trimmed, http: http)
        } else if trimmed.hasSuffix("/api/v2/package") {
            pushURL = trimmed
        } else {
            pushURL = trimmed + "/api/v2/package"
        }
        return PushClient(pushURL: pushURL, apiKey: apiKey, http: http, timeout: timeout)
    }

    static func publishResource(serviceIndex url: String, http: HTTPClient) async throws -> String {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        } catch {
            throw SourceError(description: "The service index \(url) could not be read: \(error).")
        }
        guard response.status == .ok else {
            throw SourceError(description: "The service index \(url) answered \(response.status.code) \(response.status.reasonPhrase).")
        }
        let body = try await response.body.collect(upTo: 4 << 20)
        struct Index: Decodable {
            struct Resource: Decodable {
                let id: String
                let type: String
                enum CodingKeys: String, CodingKey { case id = "@id", type = "@type" }
            }
            let resources: [Resource]
        }
        guard let index = try? JSONDecoder().decode(Index.self, from: Data(body.readableBytesView)) else {
            throw SourceError(description: "\(url) is not a NuGet V3 service index.")
        }
        guard let publish = index.resources.first(where: { $0.type.hasPrefix("PackagePublish/") }) else {
            throw SourceError(description: "The service index \(url) has no PackagePublish resource: the feed does not accept pushes.")
        }
        return publish.id
    }

    /// Pushes one file; a 409 counts as skipped when `skipDuplicate` is set.
    public func push(_ file: URL, skipDuplicate: Bool) async -> BulkResult {
        let nupkg: Data
        do {
            nupkg = try Data(contentsOf: file)
        } catch {
            return BulkResult(file: file, outcome: .failed("cannot be read: \(error.localizedDescription)"), bytes: 0)
        }
        let boundary = UUID().uuidString.lowercased()
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Type: application/octet-stream\r\n")
        body.writeString("Content-Disposition: form-data; name=\"package\"; filename=\"package.nupkg\"; filename*=utf-8''package.nupkg\r\n\r\n")
        body.writeBytes(nupkg)
        body.writeString("\r\n--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: pushURL)
        request.method = .PUT
        request.headers.add(name: "X-NuGet-ApiKey", value: apiKey)
        request.headers.add(name: "X-NuGet-Protocol-Version", value: "4.1.0")
        request.headers.add(name: "User-Agent", value: "Pallet-Push/1.0")
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\"\(boundary)\"")
        request.body = .bytes(body)
        do {
            let response = try await http.execute(request, timeout: timeout)
            let text = String(buffer: try await response.body.collect(upTo: 64 << 10))
            let message = Self.message(reason: response.status.reasonPhrase, body: text)
            switch response.status.code {
            case 200..<300:
                return BulkResult(file: file, outcome: .published, bytes: nupkg.count)
            case 409 where skipDuplicate:
                return BulkResult(file: file, outcome: .skippedDuplicate(message), bytes: nupkg.count)
            default:
                return BulkResult(file: file, outcome: .failed("\(response.status.code) \(message)"), bytes: nupkg.count)
            }
        } catch {
            return BulkResult(file: file, outcome: .failed("no answer from \(pushURL): \(error)"), bytes: nupkg.count)
        }
    }

    /// The server's one-line message: the body's first line when it has one, else the reason phrase.
    static func message(reason: String, body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty || line.hasPrefix("<") || line.hasPrefix("{") ? reason : line
    }

    /// Pushes every file with at most `parallelism` uploads at once, reporting each to `progress`.
    public func pushAll(
        _ files: [URL], parallelism: Int, skipDuplicate: Bool, progress: BulkProgress? = nil
    ) async -> [BulkResult] {
        await mapConcurrently(files, limit: parallelism) { file in
            let result = await push(file, skipDuplicate: skipDuplicate)
            progress?.record(result)
            return result
        }
    }
}
