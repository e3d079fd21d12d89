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

    /// The application's answers, shared with the event-loop fast path (`FastSearchAnswers`).
    var answers: SearchAnswers

    func register(on router: Router<Context>) {
        let renderer = SearchResponseRenderer(urls: gallery.urls)
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
            let body = await answers.body(.search(query))
            return Self.json(body: body, isHead: request.method == .head)
        }
        router.getAndHead("/v3/autocomplete") { request, _ in
            let parameters = Self.parameters(request)
            let query: SearchQuery
            do {
                query = try SearchQuery(parameters: parameters)
            } catch let error as SearchQueryError {
                throw error.galleryError
            }
            let body = await answers.body(SearchAnswers.autocomplete(parameters, query: query))
            return Self.json(body: body, isHead: request.method == .head)
        }
    }

    static func parameters(_ request: Request) -> [(key: String, value: String)] {
        request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
    }

    /// The answer to a search or autocomplete request (the fast path's heads are made by it too).
    static func json(body: Data, isHead: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(body.count)
        if isHead { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
