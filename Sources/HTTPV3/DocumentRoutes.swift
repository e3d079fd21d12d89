import Gallery
import HTTPPlumbing
import Hummingbird

/// Registration hives and the catalog: rendered on write, served from memory (design "Read path").
struct DocumentRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    /// Registration of upstream-only ids, when asked (`UpstreamInclusion`).
    var upstream: UpstreamInclusion? = nil

    func register(on router: Router<Context>) {
        for root in FeedURLs.Hive.allCases.map(\.rawValue) + ["catalog"] {
            router.getAndHead(RouterPath("/v3/\(root)/**")) { request, context in
                let rest = context.parameters.getCatchAll().joined(separator: "/").lowercased()
                guard !rest.hasPrefix("_"), let document = try await gallery.documents.document(at: "\(root)/\(rest)") else {
                    if !rest.hasPrefix("_"), let upstream,
                       let document = try await upstream.registration(root: root, path: "\(root)/\(rest)", request: request) {
                        return DocumentResponse.response(document, request: request)
                    }
                    throw GalleryError.notFound("No document at /v3/\(root)/\(rest).")
                }
                // Catalog leaves and registration leaves never change once written; indexes and pages do.
                let immutable = root == "catalog" && rest.hasPrefix("data/")
                return DocumentResponse.response(
                    document, request: request,
                    cacheControl: immutable ? DocumentResponse.immutableCacheControl : DocumentResponse.indexCacheControl
                )
            }
        }
    }
}
