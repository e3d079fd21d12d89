public import Gallery
public import HTTPPlumbing
public import Hummingbird

/// The NuGet V3 surface under `/v3/*`: service index, flat container, registration, search,
/// autocomplete, catalog. (The publish resource the index names, `/api/v2/package`, is served by
/// HTTPV2, which owns every `/api/v2/*` URL.)
public struct V3Routes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let files: BlobResponder

    /// Creates the route collection; `files` is the application's one blob responder (and file cache).
    public init(gallery: PackageGallery, files: BlobResponder) {
        self.gallery = gallery
        self.files = files
    }

    /// Adds every V3 route to a router.
    public func register(on router: Router<Context>) {
        ServiceIndexRoutes<Context>(urls: gallery.urls).register(on: router)
        FlatContainerRoutes<Context>(gallery: gallery, files: files).register(on: router)
        DocumentRoutes<Context>(gallery: gallery).register(on: router)
        VulnerabilityRoutes<Context>(gallery: gallery).register(on: router)
        SearchRoutes<Context>(gallery: gallery).register(on: router)
    }
}
