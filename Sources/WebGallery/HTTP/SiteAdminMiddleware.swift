import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird

/// Everything under `/admin` is for site admins: anybody else (anonymous visitors included) gets the 403 page,
/// whatever the path or method, before any handler runs.
struct SiteAdminMiddleware<Context: PrincipalRequestContext>: RouterMiddleware {
    let web: WebGallery

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path.lowercased()
        guard path == "/admin" || path.hasPrefix("/admin/") else { return try await next(request, context) }
        guard let principal = WebVisitor.current?.principal, principal.isSiteAdmin else {
            return HTMLResponse.page(web.adminRefusedPage(signedIn: WebVisitor.current?.principal != nil), status: .forbidden, request: request)
        }
        return try await next(request, context)
    }
}

extension WebGallery {
    /// The 403 page of `/admin` for everybody but site admins.
    func adminRefusedPage(signedIn: Bool) -> String {
        var layout = layout("Forbidden")
        layout.noIndex = true
        return render(ErrorPageModel(
            layout: layout, code: "403", heading: "Site administrators only",
            message: signedIn ? "This part of the site is for its administrators." : "This part of the site is for its administrators. Sign in with an administrator's account.",
            query: nil), "error")
    }
}
