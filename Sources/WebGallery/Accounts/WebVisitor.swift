import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

/// Who is looking at a page: the signed-in principal (nil when anonymous) and the CSRF token forms carry.
/// Set by `WebSessionMiddleware` for the duration of a request, read by the layout (header menu, sign-out form).
struct WebVisitor: Sendable {
    let principal: Principal?
    /// The session id from the cookie (signed in only).
    let sessionID: String?
    /// The session's token when signed in, else the anonymous `pallet_csrf` cookie's value (double submit).
    let csrfToken: String
    /// The page's path and query, for the "Sign in" link's way back.
    var returnPath: String? = nil

    @TaskLocal static var current: WebVisitor?
}

/// Cookie names and attributes.
enum WebCookies {
    static let session = "pallet_session"
    static let csrf = "pallet_csrf"

    /// Every cookie of the request (several `Cookie` fields are joined, as HTTP/2 sends them).
    static func read(_ request: Request) -> [String: String] {
        var cookies: [String: String] = [:]
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                if cookies[name] == nil { cookies[name] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return cookies
    }

    /// `HttpOnly; SameSite=Lax`, `Secure` when the site is served over https.
    static func setCookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if secure { text += "; Secure" }
        return text
    }

    static func isToken(_ value: String) -> Bool {
        (20...100).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// Reads the session cookie on web paths (never on `/v3/`, `/api/`, `/health/`: NuGet clients authenticate
/// with API keys only, so a browser's cookie can never push): sets the context's principal and the
/// `WebVisitor` the pages render with; gives anonymous visitors a CSRF cookie with their first page.
struct WebSessionMiddleware<Context: PrincipalRequestContext>: RouterMiddleware {
    let accounts: WebAccounts
    let secure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path.lowercased()
        for prefix in ["/v3/", "/api/", "/health/", "/assets/"] where path.hasPrefix(prefix) {
            return try await next(request, context)
        }
        let cookies = WebCookies.read(request)
        var context = context
        let visitor: WebVisitor
        var newCSRF: String? = nil
        if let id = cookies[WebCookies.session], WebCookies.isToken(id), let found = try await accounts.session(id: id) {
            context.principal = found.principal
            visitor = WebVisitor(principal: found.principal, sessionID: id, csrfToken: found.session.csrfToken)
        } else {
            var token = cookies[WebCookies.csrf] ?? ""
            if !WebCookies.isToken(token) {
                token = WebAccounts.randomToken()
                newCSRF = token
            }
            visitor = WebVisitor(principal: nil, sessionID: nil, csrfToken: token, returnPath: request.method == .get ? request.uri.description : nil)
        }
        let signedInContext = context
        var response = try await WebVisitor.$current.withValue(visitor) { try await next(request, signedInContext) }
        let isHTML = response.headers[.contentType]?.hasPrefix("text/html") ?? false
        if let newCSRF, isHTML, response.headers[values: .setCookie].isEmpty {
            response.headers.append(HTTPField(name: .setCookie, value: WebCookies.setCookie(WebCookies.csrf, newCSRF, secure: secure)))
        }
        if visitor.principal != nil || !response.headers[values: .setCookie].isEmpty {
            // A page made for one person is never stored by a shared cache.
            response.headers[.cacheControl] = "private, no-store"
        }
        return response
    }
}
