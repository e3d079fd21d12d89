public import Gallery
public import Hummingbird

/// What every V3 route needs besides the request.
public struct V3Settings: Sendable {
    /// Uploads over this size are refused with 413.
    public var maxPackageBytes: Int64
    /// Where uploads are streamed before validation (same filesystem as the blob folder, so publishing is a rename).
    public var temporaryDirectory: String
    /// When set, downloads answer `X-Accel-Redirect: {prefix}{blob path}` for nginx to serve.
    public var accelRedirectPrefix: String?

    /// Creates settings.
    public init(maxPackageBytes: Int64, temporaryDirectory: String, accelRedirectPrefix: String? = nil) {
        self.maxPackageBytes = maxPackageBytes
        self.temporaryDirectory = temporaryDirectory
        self.accelRedirectPrefix = accelRedirectPrefix
    }
}

/// The NuGet V3 surface: service index, publish, flat container, registration, search, autocomplete, catalog.
public struct V3Routes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let settings: V3Settings

    /// Creates the route collection.
    public init(gallery: PackageGallery, settings: V3Settings) {
        self.gallery = gallery
        self.settings = settings
    }

    /// Adds every V3 route to a router.
    public func register(on router: Router<Context>) {
        ServiceIndexRoutes<Context>(urls: gallery.urls).register(on: router)
        PackagePublishRoutes<Context>(gallery: gallery, settings: settings).register(on: router)
        FlatContainerRoutes<Context>(gallery: gallery, files: BlobResponder(fileIO: FileIO(), accelRedirectPrefix: settings.accelRedirectPrefix))
            .register(on: router)
        DocumentRoutes<Context>(gallery: gallery).register(on: router)
        SearchRoutes<Context>(gallery: gallery).register(on: router)
    }
}
