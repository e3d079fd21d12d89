public import Gallery
public import Hummingbird
import HTTPTypes

/// Authenticates a NuGet write request from its `X-NuGet-ApiKey` header alone, before the handler
/// reads any of the body, and puts the principal in the context.
///
/// A missing, unknown, revoked or expired key is answered 401 at once: a 200 MB push without a key
/// is refused after the few hundred KiB the server read ahead, not after the upload. The connection
/// is then drained a bounded amount and closed (`EarlyAnswerHandler`). A successful write made with a key
/// that expires within a week carries an `X-NuGet-Warning` saying so.
public struct APIKeyAuthenticationMiddleware<Context: PrincipalRequestContext>: RouterMiddleware {
    let authenticator: APIKeyAuthenticator

    /// Authenticates with the gallery's authenticator.
    public init(authenticator: APIKeyAuthenticator) {
        self.authenticator = authenticator
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let principal = try await authenticator.authenticate(request.headers[.nuGetAPIKey])
        context.principal = principal
        var response = try await next(request, context)
        // Clients print X-NuGet-Warning values: the publisher learns of the expiry before a release fails.
        if let warning = authenticator.expiryWarning(for: principal) {
            response.headers.append(HTTPField(name: .nuGetWarning, value: NuGetHTTPError.oneLine(warning)))
        }
        return response
    }
}
