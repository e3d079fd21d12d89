import Gallery
import HTTPPlumbing
import Hummingbird

/// `PackageBaseAddress/3.0.0` (protocol §3): version lists and package files.
///
/// Paths are matched case-insensitively: clients lowercase, scripts often don't (§12.3). The
/// version list includes unlisted versions, because restore of a pinned version must keep working.
struct FlatContainerRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let files: BlobResponder

    func register(on router: Router<Context>) {
        router.getAndHead("/v3/flat/:id/index.json") { request, context in
            let id = try context.parameters.require("id").lowercased()
            guard let document = try await gallery.documents.document(at: "flat/\(id)/index.json") else {
                throw GalleryError.notFound("Package '\(id)' was not found.")
            }
            return DocumentResponse.response(document, request: request)
        }
        router.getAndHead("/v3/flat/:id/:version/:file") { request, context in
            try await file(request, context)
        }
    }

    func file(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let version = try context.parameters.require("version")
        let name = try context.parameters.require("file").lowercased()
        let key = try PackageGallery.versionKey(id: id, version: version)
        let blob: BlobKey
        switch name {
        case "\(key.lowerID).\(key.lowerVersion).nupkg": blob = .nupkg(key)
        case "\(key.lowerID).nuspec": blob = .nuspec(key)
        case "readme": blob = .readme(key)
        case "icon": blob = .icon(key)
        case "license": blob = .licenseFile(key)
        default:
            throw GalleryError.notFound("'\(name)' is not a file of package '\(id)' version '\(version)'.")
        }
        let countDownload = request.method == .get && name.hasSuffix(".nupkg")
        guard let location = try await gallery.blob(blob, countDownload: countDownload) else {
            throw GalleryError.notFound("Package '\(id)' version '\(version)' has no \(name).")
        }
        return try await files.response(location, key: blob, request: request, context: context)
    }
}
