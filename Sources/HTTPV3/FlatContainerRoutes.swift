import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NIOCore

/// `PackageBaseAddress/3.0.0` (protocol §3): version lists and package files.
///
/// Paths are matched case-insensitively: clients lowercase, scripts often don't (§12.3). The
/// version list includes unlisted versions, because restore of a pinned version must keep working.
struct FlatContainerRoutes<Context: RequestContext>: Sendable {
    let gallery: PackageGallery
    let files: BlobResponder
    let upstreams: Upstreams?

    func register(on router: Router<Context>) {
        router.getAndHead("/v3/flat/:id/index.json") { request, context in
            let id = try context.parameters.require("id").lowercased()
            guard let document = try await gallery.documents.document(at: "flat/\(id)/index.json") else {
                return try await upstreamVersions(id)
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
            if name.hasSuffix(".nupkg") || name.hasSuffix(".nuspec"), let upstreams,
               try await gallery.upstreamRefusal(forLowerID: key.lowerID) == nil {
                return try await upstreamFile(upstreams, key: key, name: name, request: request)
            }
            throw GalleryError.notFound("Package '\(id)' version '\(version)' has no \(name).")
        }
        return try await files.response(location, key: blob, request: request, context: context)
    }

    /// The version list of an id this feed does not hold, from the upstreams (404 when none has it, or the
    /// id must stay local: it is this feed's, or under a reserved prefix).
    func upstreamVersions(_ lowerID: String) async throws -> Response {
        let notFound = GalleryError.notFound("Package '\(lowerID)' was not found.")
        guard let upstreams, try await gallery.upstreamRefusal(forLowerID: lowerID) == nil else { throw notFound }
        let list: Upstreams.VersionList?
        do {
            list = try await upstreams.versionList(lowerID: lowerID)
        } catch let failure as UpstreamFailure {
            throw NuGetHTTPError(failure.isTimeout ? 504 : 502, failure.description)
        }
        guard let list else { throw notFound }
        let versions = list.versions.map { "\"\($0.version)\"" }.joined(separator: ",")
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=60"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"versions\":[\(versions)]}")))
    }

    /// A `.nupkg` or `.nuspec` of an upstream version: fetched once, then served from the local copy.
    func upstreamFile(_ upstreams: Upstreams, key: PackageVersionKey, name: String, request: Request) async throws -> Response {
        let data: Data?
        do {
            data = try await upstreams.file(lowerID: key.lowerID, lowerVersion: key.lowerVersion, name: name)
        } catch let failure as UpstreamFailure {
            throw NuGetHTTPError(failure.isTimeout ? 504 : 502, failure.description)
        }
        guard let data else {
            throw GalleryError.notFound("Package '\(key.lowerID)' version '\(key.lowerVersion)' was not found.")
        }
        let type = name.hasSuffix(".nupkg") ? "application/octet-stream" : "application/xml"
        return Response(
            status: .ok, headers: [.contentType: type],
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
