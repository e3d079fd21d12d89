public import Gallery
public import HTTPPlumbing
public import Hummingbird

/// The NuGet V3 surface under `/v3/*`: service index, flat container, registration, search,
/// autocomplete, catalog. (The publish resource the index names, `/api/v2/package`, is served by
/// HTTPV2, which owns every `/api/v2/*` URL.)
public struct V3Routes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let files: BlobResponder
    let upstreams: Upstreams?
    let upstreamInSearch: Bool
    /// Shared with the fast path (`V3FastPath`), so the answer cache stays one cache.
    let searchAnswers: SearchAnswers?

    /// Creates the route collection; `files` is the application's one blob responder (and file cache);
    /// `upstreams` answers the flat container for ids this feed does not hold (a pull-through cache), and
    /// registration and search when a request asks (`includeUpstream=true`) or `upstreamInSearch` is set;
    /// `searchAnswers` is the application's one (nil: made here).
    public init(
        gallery: PackageGallery, files: BlobResponder, upstreams: Upstreams? = nil, upstreamInSearch: Bool = false,
        searchAnswers: SearchAnswers? = nil
    ) {
        self.gallery = gallery
        self.files = files
        self.upstreams = upstreams
        self.upstreamInSearch = upstreamInSearch
        self.searchAnswers = searchAnswers
    }

    /// Adds every V3 route to a router.
    public func register(on router: Router<Context>) {
        ServiceIndexRoutes<Context>(urls: gallery.urls).register(on: router)
        FlatContainerRoutes<Context>(gallery: gallery, files: files, upstreams: upstreams).register(on: router)
        let inclusion = upstreams.map { UpstreamInclusion(gallery: gallery, upstreams: $0, byDefault: upstreamInSearch) }
        DocumentRoutes<Context>(gallery: gallery, upstream: inclusion).register(on: router)
        VulnerabilityRoutes<Context>(gallery: gallery).register(on: router)
        SearchRoutes<Context>(gallery: gallery, upstream: inclusion, answers: searchAnswers ?? SearchAnswers(gallery: gallery))
            .register(on: router)
    }
}
