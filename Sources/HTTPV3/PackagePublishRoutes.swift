import Foundation
import Gallery
import Hummingbird
import HTTPTypes

/// `PackagePublish/2.0.0` (protocol §2): PUT to push, DELETE to unlist, POST to relist.
///
/// The client PUTs to the resource URL with a trailing slash; people also push to the V2 feed root
/// (NuGet.Server accepts it), so every spelling is routed here.
struct PackagePublishRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let settings: V3Settings

    func register(on router: Router<Context>) {
        // Hummingbird's router ignores a trailing slash, so these also match `/api/v2/package/` and `/api/v2/`.
        for path in ["/api/v2/package", "/api/v2"] {
            router.put(RouterPath(path)) { request, _ in try await push(request) }
        }
        router.delete("/api/v2/package/:id/:version") { request, context in
            try await setListed(false, request, context)
        }
        router.post("/api/v2/package/:id/:version") { request, context in
            try await setListed(true, request, context)
        }
    }

    func push(_ request: Request) async throws -> Response {
        let upload = MultipartPackageUpload(limitBytes: settings.maxPackageBytes, temporaryDirectory: settings.temporaryDirectory)
        let path = try await upload.receive(request)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await gallery.push(packageAt: path, apiKey: request.headers[.nuGetAPIKey])
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        // NuGet clients print each X-NuGet-Warning value (protocol §2).
        for warning in result.warnings { headers.append(HTTPField(name: .nuGetWarning, value: NuGetHTTPError.oneLine(warning))) }
        let message = "Package '\(result.record.id) \(result.record.normalizedVersion)' was pushed.\n"
        return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message)))
    }

    func setListed(_ listed: Bool, _ request: Request, _ context: Context) async throws -> Response {
        // Clients send id and version as typed (not lowercased or normalized): the gallery normalizes.
        let id = try context.parameters.require("id")
        let version = try context.parameters.require("version")
        _ = try await gallery.setListed(listed, id: id, version: version, apiKey: request.headers[.nuGetAPIKey])
        return Response(status: listed ? .ok : .noContent)
    }
}

extension HTTPField.Name {
    /// The API key header of NuGet clients.
    static let nuGetAPIKey = HTTPField.Name("X-NuGet-ApiKey")!
    /// Warnings the client prints after a push.
    static let nuGetWarning = HTTPField.Name("X-NuGet-Warning")!
}
