public import Hummingbird
import Gallery
import Logging

/// Turns every error into a NuGet-shaped answer: domain errors by the mapping, Hummingbird's own
/// (404 of the router, 405) with a readable line, and anything else into a logged 500 that tells
/// the client only a request id — never internals or a stack trace.
public struct NuGetErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as NuGetHTTPError {
            throw error
        } catch let error as GalleryError {
            throw error.httpError
        } catch StoreError.unavailable(let detail) {
            // The database or object store is down (a restart, a failover): tell clients to retry; the
            // stores reconnect on their own, so the next request after recovery succeeds without a restart.
            context.logger.error("store unavailable", metadata: ["error": "\(detail)", "request": "\(context.id)"])
            throw GalleryError.unavailable("The package store is temporarily unavailable; retry shortly.").httpError
        } catch let error as HTTPError {
            throw NuGetHTTPError(Int(error.status.code), error.body ?? Self.defaultMessage(error.status))
        } catch {
            let requestID = context.id
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))", "request": "\(requestID)"])
            throw NuGetHTTPError(500, "Internal server error (request id \(requestID)); the server log has the details.")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Not found."
        case 405: "This method is not allowed on this URL."
        case 413: "The request body is too large."
        default: status.reasonPhrase.isEmpty ? "Request failed." : status.reasonPhrase + "."
        }
    }
}
