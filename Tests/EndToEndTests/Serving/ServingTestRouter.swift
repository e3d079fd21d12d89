import Foundation
import HTTPPlumbing
import Hummingbird
import Logging

/// Requests that wait in the handler until the test opens the gate, so a test holds exactly N requests
/// in flight without timing anything.
actor RequestGate {
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false
    private let arrivals: AsyncStream<Void>.Continuation
    /// One element per request that reached the handler.
    nonisolated let arrived: AsyncStream<Void>

    init() {
        (arrived, arrivals) = AsyncStream.makeStream(of: Void.self)
    }

    /// Called by the handler: returns once the gate is open.
    func pass() async {
        arrivals.yield()
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Lets every held request (and every later one) through.
    func open() {
        isOpen = true
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }
}

/// The serving middlewares in the order `PalletServer` installs them, over a router with test routes:
/// `/hold` (waits at the gate), `/ok`, `/fail` (an unexpected error: 500), `/log` (logs one line).
func servingTestRouter(limiter: RequestLimiter?, gate: RequestGate = RequestGate()) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestMetricsMiddleware(limiter: limiter))
    if let limiter { router.add(middleware: RequestLimitMiddleware(limiter: limiter)) }
    router.add(middleware: NuGetErrorMiddleware())
    router.get("/hold") { _, _ -> String in
        await gate.pass()
        return "held\n"
    }
    router.get("/ok") { _, _ -> String in "ok\n" }
    router.get("/fail") { _, _ -> String in throw CocoaError(.fileReadUnknown) }
    router.get("/log") { _, context -> String in
        context.logger.info("handling the logged request")
        return "logged\n"
    }
    router.get("/health/live") { _, _ -> String in "live\n" }
    return router
}
