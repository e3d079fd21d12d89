import Hummingbird
import Logging
import HTTPTypes

/// Answers errors on web paths with HTML pages: a 404 for an unknown page, a 500 with a request id for
/// anything unexpected. NuGet endpoints (`/v3/…`, `/api/…`, `/health/…`) and clients that do not ask for
/// HTML keep the NuGet surface's plain-text answers: the error is passed on unchanged.
struct WebErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let web: WebGallery

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard Self.isWebRequest(request) else { throw error }
            if let http = error as? any HTTPResponseError {
                guard http.status == .notFound else { throw error }
                return HTMLResponse.page(web.notFoundPage(), status: .notFound, request: request)
            }
            let id = context.id
            context.logger.error("web page failed", metadata: ["error": "\(String(reflecting: error))", "request": "\(id)"])
            return HTMLResponse.page(web.serverErrorPage(requestID: id), status: .internalServerError, request: request)
        }
    }

    /// A page of the gallery (`/`, `/packages…`, `/profiles…`, `/stats`, `/assets…`), or any path outside the
    /// NuGet endpoints requested by a browser (`Accept: text/html`).
    static func isWebRequest(_ request: Request) -> Bool {
        let path = request.uri.path.lowercased()
        for prefix in ["/v3/", "/api/", "/health/"] where path.hasPrefix(prefix) { return false }
        if path == "/" || path == "/stats" { return true }
        for prefix in ["/packages", "/profiles/", "/assets/"] where path.hasPrefix(prefix) { return true }
        return request.headers[.accept]?.contains("text/html") ?? false
    }
}
