import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

/// `PackagePublish/2.0.0` (protocol §2): PUT to push, DELETE to unlist, POST to relist.
///
/// The V3 service index names `/api/v2/package` as the publish resource, and the V2 feed has always
/// pushed there, so these live with the rest of `/api/v2/*` in HTTPV2 (one module per URL space).
/// The client PUTs to the resource URL with a trailing slash; people also push to the V2 feed root
/// (NuGet.Server accepts it), so every spelling is routed here.
///
/// Every route runs behind `APIKeyAuthenticationMiddleware`: the key is checked from the headers
/// before any of the body is read, and the handler gets the principal from the context.
struct PackagePublishRoutes<Context: PrincipalRequestContext>: Sendable {
    let gallery: PackageGallery
    let uploads: UploadSettings

    func register(on router: Router<Context>) {
        let writes = router.group().add(middleware: APIKeyAuthenticationMiddleware<Context>(authenticator: gallery.authenticator))
        // Hummingbird's router ignores a trailing slash, so these also match `/api/v2/package/` and `/api/v2/`.
        for path in ["/api/v2/package", "/api/v2"] {
            writes.put(RouterPath(path)) { request, context in try await push(request, context) }
        }
        writes.delete("/api/v2/package/:id/:version") { _, context in
            try await setListed(false, id: context.parameters.require("id"), version: context.parameters.require("version"), context)
        }
        writes.post("/api/v2/package/:id/:version") { _, context in
            try await setListed(true, id: context.parameters.require("id"), version: context.parameters.require("version"), context)
        }
        // nuget.exe 2.x sends DELETE to `{source}/{id}/{version}` when the source has a path
        // (`…/api/v2/`), as NuGet.Server accepts; the same unlist as `DELETE package/{id}/{version}`.
        // (The parameter is named like the V2 function route's: the router needs one name per position.)
        writes.delete("/api/v2/:resource/:version") { _, context in
            try await setListed(false, id: context.parameters.require("resource"), version: context.parameters.require("version"), context)
        }
    }

    func push(_ request: Request, _ context: Context) async throws -> Response {
        let principal = try context.requirePrincipal()
        let path = try await MultipartPackageUpload(uploads).receive(request)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await gallery.push(packageAt: path, by: principal)
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        // NuGet clients print each X-NuGet-Warning value (protocol §2).
        for warning in result.warnings { headers.append(HTTPField(name: .nuGetWarning, value: NuGetHTTPError.oneLine(warning))) }
        let message = "Package '\(result.record.id) \(result.record.normalizedVersion)' was pushed.\n"
        return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message)))
    }

    /// Clients send id and version as typed (not lowercased or normalized): the gallery normalizes.
    func setListed(_ listed: Bool, id: String, version: String, _ context: Context) async throws -> Response {
        let (packageID, parsed) = try PackageGallery.parse(id: id, version: version)
        _ = try await gallery.setListed(listed, id: packageID, version: parsed, by: try context.requirePrincipal())
        return Response(status: listed ? .ok : .noContent)
    }
}
