import Foundation
import Hummingbird
import HTTPTypes

/// Lets the pages' forms go to the configured OpenID Connect providers.
///
/// "Sign in with NAME" is a button in a form (as on nuget.org) that goes to `/users/account/oidc/start`, which
/// redirects to the provider's authorization endpoint. Browsers apply the page's CSP `form-action` to every hop
/// of a form's navigation, so `'self'` alone blocks that redirect: the providers' origins (from their issuer
/// URLs, which on every provider we know share the authorization endpoint's origin) join `'self'` there.
/// Nothing else in the policy changes; without providers the middleware is not added.
struct FormActionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `form-action 'self' origin…`, replacing `form-action 'self'`.
    let directive: String

    /// Nil when no provider has a usable origin.
    init?(issuers: [String]) {
        let origins = issuers.compactMap(Self.origin).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !origins.isEmpty else { return nil }
        directive = "form-action 'self' " + origins.joined(separator: " ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let policy = response.headers[.contentSecurityPolicy], policy.contains("form-action 'self';") {
            response.headers[.contentSecurityPolicy] = policy.replacingOccurrences(of: "form-action 'self';", with: directive + ";")
        }
        return response
    }

    /// `scheme://host[:port]` of an http(s) URL, or nil; a CSP source, so nothing but those characters.
    static func origin(_ issuer: String) -> String? {
        guard let url = URLComponents(string: issuer), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty,
              host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" || $0 == "[" || $0 == "]" })
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
