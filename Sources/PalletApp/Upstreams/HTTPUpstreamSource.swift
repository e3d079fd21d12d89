import AsyncHTTPClient
public import Foundation
public import Gallery
import NIOCore
import NIOHTTP1
import Synchronization

/// An upstream NuGet V3 feed over HTTP. Given a service index (`…/index.json`) it uses the index's
/// `PackageBaseAddress/3.0.0` (read once); given any other URL, that server's `/v3/flat/` (another Pallet).
/// Every request is bounded by `timeout`, so a hung upstream costs at most that (and then its breaker opens).
public final class HTTPUpstreamSource: UpstreamSource {
    public let name: String
    let http: HTTPClient
    let timeout: TimeAmount
    private let base = Mutex<String?>(nil)

    public init(url: String, timeoutSeconds: Int64 = 10) {
        let http = upstreamHTTPClient
        let timeout = TimeAmount.seconds(timeoutSeconds)
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.name = trimmed
        self.http = http
        self.timeout = timeout
        if !trimmed.hasSuffix(".json") { base.withLock { $0 = trimmed + "/v3/flat/" } }
    }

    func flatBase() async throws -> String {
        if let known = base.withLock({ $0 }) { return known }
        let (status, body) = try await get(name)
        guard status == 200, let body else { throw UpstreamFailure("\(name) answered \(status) for its service index") }
        struct Index: Decodable {
            struct Resource: Decodable {
                let id: String
                let type: String
                enum CodingKeys: String, CodingKey { case id = "@id", type = "@type" }
            }
            let resources: [Resource]
        }
        guard let index = try? JSONDecoder().decode(Index.self, from: body),
              let flat = index.resources.first(where: { $0.type.hasPrefix("PackageBaseAddress/") }) else {
            throw UpstreamFailure("\(name) is not a NuGet V3 service index with a PackageBaseAddress")
        }
        let resolved = flat.id.hasSuffix("/") ? flat.id : flat.id + "/"
        base.withLock { $0 = resolved }
        return resolved
    }

    public func versions(lowerID: String) async throws -> [String]? {
        let url = try await flatBase() + "\(lowerID)/index.json"
        let (status, body) = try await get(url)
        if status == 404 { return nil }
        guard status == 200, let body else { throw UpstreamFailure("\(name) answered \(status) for '\(lowerID)'") }
        struct Versions: Decodable { let versions: [String] }
        guard let list = try? JSONDecoder().decode(Versions.self, from: body) else {
            throw UpstreamFailure("\(name) sent an unreadable version list for '\(lowerID)'")
        }
        return list.versions.map { $0.lowercased() }
    }

    public func file(lowerID: String, lowerVersion: String, name fileName: String) async throws -> Data? {
        let url = try await flatBase() + "\(lowerID)/\(lowerVersion)/\(fileName)"
        let (status, body) = try await get(url, limit: 1 << 30)
        if status == 404 { return nil }
        guard status == 200, let body else { throw UpstreamFailure("\(name) answered \(status) for \(fileName)") }
        return body
    }

    private func get(_ url: String, limit: Int = 16 << 20) async throws -> (Int, Data?) {
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: "Pallet-Upstream/1.0")
            let response = try await http.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: limit)
            return (Int(response.status.code), Data(bytes.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw UpstreamFailure(isTimeout: true, "\(name) did not answer in time")
        } catch let failure as UpstreamFailure {
            throw failure
        } catch {
            throw UpstreamFailure("\(name) cannot be reached (\(error))")
        }
    }
}

/// The client every upstream request goes through. Unlike `HTTPClient.shared` it does not retry a refused
/// connection until the request's deadline: an upstream that is down must cost a restore nothing but one
/// quick refusal (then its breaker opens). Lives as long as the process.
let upstreamHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration.singletonConfiguration
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(3)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
