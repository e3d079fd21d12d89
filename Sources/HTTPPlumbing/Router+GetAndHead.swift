public import Hummingbird

extension RouterMethods {
    /// Registers a handler for GET and HEAD: Hummingbird 2 does not answer HEAD from GET routes by itself,
    /// and NuGet clients and CDNs send HEAD to every V3 URL (protocol §12.10).
    @discardableResult
    public func getAndHead(
        _ path: RouterPath,
        use handler: @Sendable @escaping (Request, Context) async throws -> Response
    ) -> Self {
        get(path, use: handler)
        return head(path, use: handler)
    }
}
