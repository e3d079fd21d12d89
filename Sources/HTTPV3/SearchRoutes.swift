import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NuGetProtocol

/// `SearchQueryService` and `SearchAutocompleteService` (protocol §5): dynamic, answered from the
/// in-memory search index. Unknown or unlisted ids give 200 with empty data, never 404 (§12.6).
struct SearchRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    /// Upstream results after the local ones, when asked (`UpstreamInclusion`).
    var upstream: UpstreamInclusion? = nil

    func register(on router: Router<Context>) {
        let renderer = SearchResponseRenderer(urls: gallery.urls)
        router.getAndHead("/v3/query") { request, _ in
            let query: SearchQuery
            do {
                query = try SearchQuery(parameters: Self.parameters(request))
            } catch let error as SearchQueryError {
                throw error.galleryError
            }
            let results = gallery.search.search(query)
            let response = renderer.render(results, semVer2: query.includeSemVer2)
            if let upstream, upstream.wanted(request) { return try await upstream.search(response, query: query, request: request) }
            return Self.json(response, request: request)
        }
        router.getAndHead("/v3/autocomplete") { request, _ in
            let parameters = Self.parameters(request)
            let query: SearchQuery
            do {
                query = try SearchQuery(parameters: parameters)
            } catch let error as SearchQueryError {
                throw error.galleryError
            }
            if let id = parameters.first(where: { $0.key.lowercased() == "id" })?.value {
                let versions = gallery.search.autocompleteVersions(
                    id: id, prerelease: query.includePrerelease, semVer2: query.includeSemVer2
                )
                return Self.json(AutocompleteResponse.versions(versions), request: request)
            }
            let hits = gallery.search.autocompleteIDs(
                q: query.text, skip: query.skip, take: query.take, prerelease: query.includePrerelease,
                semVer2: query.includeSemVer2, packageType: query.packageType
            )
            return Self.json(AutocompleteResponse.ids(totalHits: hits.totalHits, hits.ids), request: request)
        }
    }

    static func parameters(_ request: Request) -> [(key: String, value: String)] {
        request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
    }

    static func json(_ value: some Encodable, request: Request) -> Response {
        let body = WireJSON.encode(value)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
