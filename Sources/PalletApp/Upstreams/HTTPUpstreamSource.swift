import AsyncHTTPClient
public import Foundation
public import Gallery
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import Synchronization

/// An upstream NuGet V3 feed over HTTP. Given a service index (`…/index.json`) it uses the index's
/// `PackageBaseAddress/3.0.0` (read once); given any other URL, that server's `/v3/flat/` (another Pallet).
/// Every request is bounded by `timeout`, so a hung upstream costs at most that (and then its breaker opens).
public final class HTTPUpstreamSource: UpstreamSource {
    public let name: String
    let http: HTTPClient
    let timeout: TimeAmount
    private let base = Mutex<String?>(nil)
    /// The service index's URL (for a Pallet URL, its `/v3/index.json`).
    let indexURL: String
    /// `RegistrationsBaseUrl` from the service index ("" when it has none), read once.
    private let registrations = Mutex<String?>(nil)
    /// `SearchQueryService` from the service index ("" when it has none), read once.
    private let searchService = Mutex<String?>(nil)

    public init(url: String, timeoutSeconds: Int64 = 10) {
        let http = upstreamHTTPClient
        let timeout = TimeAmount.seconds(timeoutSeconds)
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.name = trimmed
        self.http = http
        self.timeout = timeout
        self.indexURL = trimmed.hasSuffix(".json") ? trimmed : trimmed + "/v3/index.json"
        if !trimmed.hasSuffix(".json") { base.withLock { $0 = trimmed + "/v3/flat/" } }
    }

    func flatBase() async throws -> String {
        if let known = base.withLock({ $0 }) { return known }
        try await readServiceIndex()
        guard let resolved = base.withLock({ $0 }) else {
            throw UpstreamFailure("\(name) is not a NuGet V3 service index with a PackageBaseAddress")
        }
        return resolved
    }

    /// Reads the service index once: `PackageBaseAddress` and `RegistrationsBaseUrl`.
    private func readServiceIndex() async throws {
        let (status, body) = try await get(indexURL)
        guard status == 200, let body else { throw UpstreamFailure("\(name) answered \(status) for its service index") }
        struct Index: Decodable {
            struct Resource: Decodable {
                let id: String
                let type: String
                enum CodingKeys: String, CodingKey { case id = "@id", type = "@type" }
            }
            let resources: [Resource]
        }
        guard let index = try? JSONDecoder().decode(Index.self, from: body) else {
            throw UpstreamFailure("\(name) is not a NuGet V3 service index")
        }
        func resource(_ prefix: String) -> String? {
            index.resources.first { $0.type.hasPrefix(prefix) }.map { $0.id.hasSuffix("/") ? $0.id : $0.id + "/" }
        }
        if let flat = resource("PackageBaseAddress/") { base.withLock { $0 = $0 ?? flat } }
        // The SemVer 2 hive (gzip, which the client inflates) holds every version; its leaves link the catalog
        // leaf that carries the hash.
        let registration = index.resources.first { $0.type == "RegistrationsBaseUrl/3.6.0" }
            ?? index.resources.first { $0.type.hasPrefix("RegistrationsBaseUrl") }
        registrations.withLock { $0 = registration.map { $0.id.hasSuffix("/") ? $0.id : $0.id + "/" } ?? "" }
        searchService.withLock { $0 = index.resources.first { $0.type.hasPrefix("SearchQueryService") }?.id ?? "" }
    }

    /// One page of the upstream's `SearchQueryService`, each `data[]` item kept as it came.
    public func search(_ request: UpstreamSearchRequest) async throws -> UpstreamSearchPage? {
        if searchService.withLock({ $0 }) == nil { try await readServiceIndex() }
        // Asked even for `take=0` (a page full of local results): its `totalHits` keeps the total the same on every page.
        guard let service = searchService.withLock({ $0 }), !service.isEmpty else { return nil }
        var components = URLComponents(string: service)
        components?.queryItems = [
            URLQueryItem(name: "q", value: request.q), URLQueryItem(name: "skip", value: String(request.skip)),
            URLQueryItem(name: "take", value: String(request.take)),
            URLQueryItem(name: "prerelease", value: request.prerelease ? "true" : "false"),
            URLQueryItem(name: "semVerLevel", value: request.semVer2 ? "2.0.0" : "1.0.0"),
        ] + (request.packageType.map { [URLQueryItem(name: "packageType", value: $0)] } ?? [])
        guard let url = components?.string else { return nil }
        let (status, body) = try await get(url)
        guard status == 200, let body, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let data = object["data"] as? [[String: Any]] else {
            throw UpstreamFailure("\(name) answered \(status) for a search")
        }
        let items = data.compactMap { item -> UpstreamSearchPage.Item? in
            guard let id = item["id"] as? String, let json = try? JSONSerialization.data(withJSONObject: item) else { return nil }
            return UpstreamSearchPage.Item(id: id, json: json)
        }
        return UpstreamSearchPage(totalHits: object["totalHits"] as? Int ?? items.count, items: items)
    }

    /// The `packageHash` of the version's catalog leaf, reached through its registration leaf (nuget.org and
    /// Pallet both publish it there); nil when the upstream has no registration or catalog for it.
    public func packageHash(lowerID: String, lowerVersion: String) async throws -> String? {
        if registrations.withLock({ $0 }) == nil { try await readServiceIndex() }
        guard let registrationBase = registrations.withLock({ $0 }), !registrationBase.isEmpty else { return nil }
        let (status, body) = try await get(registrationBase + "\(lowerID)/\(lowerVersion).json")
        if status == 404 { return nil }
        guard status == 200, let body, let leaf = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw UpstreamFailure("\(name) answered \(status) for the registration of '\(lowerID)' \(lowerVersion)")
        }
        var entry = leaf["catalogEntry"] as? [String: Any]
        if entry == nil, let address = leaf["catalogEntry"] as? String {
            let (entryStatus, entryBody) = try await get(address)
            if entryStatus == 404 { return nil }
            guard entryStatus == 200, let entryBody else {
                throw UpstreamFailure("\(name) answered \(entryStatus) for the catalog entry of '\(lowerID)' \(lowerVersion)")
            }
            entry = try? JSONSerialization.jsonObject(with: entryBody) as? [String: Any]
        }
        guard let entry, let hash = entry["packageHash"] as? String,
              (entry["packageHashAlgorithm"] as? String ?? "SHA512").uppercased() == "SHA512" else { return nil }
        return hash
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
            do {
                return try await fetch(url, limit: limit)
            } catch where Self.isStaleConnection(error) {
                // A pooled keep-alive connection the upstream closed while it sat idle fails the next request
                // sent on it; a GET is safe to send once more, on a new connection. A refused or timed-out
                // connection is not retried: an upstream that is down must fail fast.
                return try await fetch(url, limit: limit)
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw UpstreamFailure(isTimeout: true, "\(name) did not answer in time")
        } catch let failure as UpstreamFailure {
            throw failure
        } catch {
            throw UpstreamFailure("\(name) cannot be reached (\(error))")
        }
    }
}

extension HTTPUpstreamSource {
    fileprivate func fetch(_ url: String, limit: Int) async throws -> (Int, Data?) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Pallet-Upstream/1.0")
        let response = try await http.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: limit)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }

    /// The request went out on a connection the other side had already closed.
    fileprivate static func isStaleConnection(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed { return true }
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .eof { return true }
        return false
    }
}

/// The client every upstream request goes through. Unlike `HTTPClient.shared` it does not retry a refused
/// connection until the request's deadline: an upstream that is down must cost a restore nothing but one
/// quick refusal (then its breaker opens). Lives as long as the process.
let upstreamHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration.singletonConfiguration
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(3)
    // Registration's gzip hives are sent compressed whatever the request says.
    configuration.decompression = .enabled(limit: .ratio(100))
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
