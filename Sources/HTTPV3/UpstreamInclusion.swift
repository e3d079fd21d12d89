import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NuGetProtocol

/// Registration and search with upstream packages, when a request asks (`includeUpstream=true`) or the feed is
/// configured to by default (`pallet.upstreamInSearch`; `includeUpstream=false` then opts out). Upstream results
/// come after local ones and are marked `"upstream"`; an id of this feed or under a reserved prefix never
/// comes from an upstream. The search index itself is not involved: this merges at the route.
struct UpstreamInclusion: Sendable {
    let gallery: PackageGallery
    let upstreams: Upstreams?
    let byDefault: Bool

    func wanted(_ request: Request) -> Bool {
        guard upstreams != nil else { return false }
        let value = request.uri.queryParameters.first { $0.key.lowercased() == "includeupstream" }.map { String($0.value).lowercased() }
        guard let value else { return byDefault }
        return value == "true" || value == "1"
    }

    /// The local search answer with the upstreams' results after it (when `wanted`).
    func search(_ local: SearchResponse, query: SearchQuery, request: Request) async throws -> Response {
        guard let upstreams else { throw GalleryError.notFound("This feed has no upstreams.") }
        let reservations = try await gallery.store.reservations()
        let gallery = self.gallery
        let merged = await upstreams.search(
            UpstreamSearchRequest(
                q: query.text, skip: query.skip, take: query.take, prerelease: query.includePrerelease,
                semVer2: query.includeSemVer2, packageType: query.packageType),
            localTotal: local.totalHits, localShown: local.data.count,
            shadowed: { gallery.shadowsUpstream(lowerID: $0, reservations: reservations) })
        var object = try JSONSerialization.jsonObject(with: WireJSON.encode(local)) as? [String: Any] ?? [:]
        var data = object["data"] as? [[String: Any]] ?? []
        for (upstream, item) in merged.items {
            guard var entry = try? JSONSerialization.jsonObject(with: item.json) as? [String: Any] else { continue }
            entry["upstream"] = upstream
            data.append(entry)
        }
        object["data"] = data
        object["totalHits"] = local.totalHits + merged.totalHits
        let body = try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A registration document of an upstream-only id, or nil (then 404 as before).
    func registration(root: String, path: String, request: Request) async throws -> RenderedDocument? {
        guard let upstreams, wanted(request), let hive = FeedURLs.Hive(rawValue: root) else { return nil }
        do {
            return try await gallery.upstreamRegistration(upstreams, hive: hive, path: path)
        } catch let failure as UpstreamFailure {
            throw NuGetHTTPError(failure.isTimeout ? 504 : 502, failure.description)
        }
    }
}
