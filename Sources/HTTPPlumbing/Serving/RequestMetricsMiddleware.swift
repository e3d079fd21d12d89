public import Hummingbird
import Dispatch

/// Counts every answer and its latency per route family and status (`ServingMetrics`), and publishes the
/// limiter's in-flight and queue depth. Sits outside the limiter, so refused requests are counted too.
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServingMetrics
    let limiter: RequestLimiter?

    /// Creates the middleware; `limiter`'s depth is sampled on every answer.
    public init(metrics: ServingMetrics = .shared, limiter: RequestLimiter?) {
        self.metrics = metrics
        self.limiter = limiter
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let family = RouteFamily(method: request.method, path: Substring(request.uri.path))
        let status: Int
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            finish(family: family, status: status, started: started)
            return response
        } catch let error as any HTTPResponseError {
            finish(family: family, status: Int(error.status.code), started: started)
            throw error
        } catch {
            finish(family: family, status: 500, started: started)
            throw error
        }
    }

    private func finish(family: RouteFamily, status: Int, started: UInt64) {
        metrics.record(family: family, status: status, nanoseconds: DispatchTime.now().uptimeNanoseconds &- started)
        if let limiter {
            metrics.recordLimiter(inFlight: limiter.inFlight, queued: limiter.queued)
        }
    }
}
