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
        // Repeated queries reuse the encoded answer while the index is unchanged (SearchAnswerCache).
        let answers = SearchAnswerCache(index: gallery.search)
        // Uncached answers reuse the hits' rendered entries while their packages are unchanged (SearchHitFragments).
        let writer = SearchAnswerWriter(urls: gallery.urls)
        router.getAndHead("/v3/query") { request, _ in
            let query: SearchQuery
            do {
                query = try SearchQuery(parameters: Self.parameters(request))
            } catch let error as SearchQueryError {
                throw error.galleryError
            }
            if let upstream, upstream.wanted(request) {
                // Merged with an upstream's answer: not cached (the upstream's part changes without our index).
                let response = renderer.render(gallery.search.search(query), semVer2: query.includeSemVer2)
                return try await upstream.search(response, query: query, request: request)
            }
            let body = await answers.answer("query\u{0}" + query.cacheKey) {
                Data(gallery.search.searchAnswer(query, writer: writer))
            }
            return Self.json(body: body, request: request)
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
                let body = await answers.answer("versions\u{0}\(id)\u{0}" + query.cacheKey) {
                    Data(AutocompleteResponse.versions(gallery.search.autocompleteVersions(
                        id: id, prerelease: query.includePrerelease, semVer2: query.includeSemVer2
                    )).wireBytes)
                }
                return Self.json(body: body, request: request)
            }
            let body = await answers.answer("ids\u{0}" + query.cacheKey) {
                let hits = gallery.search.autocompleteIDs(
                    q: query.text, skip: query.skip, take: query.take, prerelease: query.includePrerelease,
                    semVer2: query.includeSemVer2, packageType: query.packageType
                )
                return Data(AutocompleteResponse.ids(totalHits: hits.totalHits, hits.ids).wireBytes)
            }
            return Self.json(body: body, request: request)
        }
    }

    static func parameters(_ request: Request) -> [(key: String, value: String)] {
        request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
    }

    static func json(body: Data, request: Request) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
