public import Hummingbird
import HTTPTypes

/// Refuses work beyond the node's `RequestLimiter` with 503, `Retry-After` and a one-line message,
/// instead of letting every request wait behind all the others.
///
/// Health probes are never limited: a busy node is still alive, and its load balancer should see so.
public struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: RequestLimiter
    /// Seconds a refused client is asked to wait (NuGet clients honour `Retry-After` on 503 and 429).
    let retryAfterSeconds: Int

    /// Creates the middleware over one limiter shared by the whole application.
    public init(limiter: RequestLimiter, retryAfterSeconds: Int = 1) {
        self.limiter = limiter
        self.retryAfterSeconds = retryAfterSeconds
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix("/health/") { return try await next(request, context) }
        guard await limiter.acquire() else {
            ServingMetrics.shared.countRejected()
            throw NuGetHTTPError(
                503,
                "The server is busy (\(limiter.maxInFlight) requests in progress, \(limiter.maxQueued) waiting); retry in \(retryAfterSeconds) s.",
                headers: [.retryAfter: String(retryAfterSeconds)])
        }
        defer { limiter.release() }
        return try await next(request, context)
    }
}
