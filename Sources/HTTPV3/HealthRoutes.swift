public import Gallery
import HTTPPlumbing
public import Hummingbird

/// `/health/live` (the process answers) and `/health/ready` (the metadata store answers).
public struct HealthRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery

    /// Creates the routes.
    public init(gallery: PackageGallery) {
        self.gallery = gallery
    }

    /// Adds the routes to a router.
    public func register(on router: Router<Context>) {
        router.getAndHead("/health/live") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "live\n")))
        }
        router.getAndHead("/health/ready") { _, _ in
            do {
                _ = try await gallery.store.setting("documents.baseURL")
            } catch {
                throw GalleryError.unavailable("The metadata store is not reachable.")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
    }
}
