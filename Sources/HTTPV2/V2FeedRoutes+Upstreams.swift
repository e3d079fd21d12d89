import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NIOCore
import NuGetCore

/// The V2 feed's side of the pull-through cache, so nuget.exe 2.x can install through this feed a package only
/// an upstream has: `FindPackagesById()` and `Packages(Id,Version)` of an id with no version here are answered
/// with the upstream's versions (`Upstreams.feedPackage`), and `package/{id}/{version}` downloads the upstream
/// `.nupkg` (fetched once, hash-checked, kept). An id of this feed or under a reserved prefix never is.
extension V2FeedRoutes {
    /// The answer from the upstreams, or nil when the request is not about an upstream-only id.
    func upstreamAnswer(_ resource: V2Resource, countOnly: Bool, options: V2QueryOptions) async throws -> Response? {
        guard let upstreams else { return nil }
        let snapshot = gallery.feed.snapshot()
        let id: String
        switch resource {
        case .package(let packageID, _): id = packageID
        case .findPackagesByID: id = try options.string("id") ?? ""
        default: return nil
        }
        let lowerID = id.lowercased()
        guard !lowerID.isEmpty, snapshot.packages[lowerID] == nil, (try? PackageGallery.versionKey(id: id, version: "1.0.0")) != nil,
              try await gallery.upstreamRefusal(forLowerID: lowerID) == nil else { return nil }
        let held: HeldFeedPackage?
        do {
            held = try await upstreams.feedPackage(lowerID: lowerID)
        } catch let failure as UpstreamFailure {
            throw NuGetHTTPError(failure.isTimeout ? 504 : 502, failure.description)
        }
        guard let held else { return nil }
        let package = held.package
        switch resource {
        case .package(_, let version):
            guard let parsed = try? NuGetVersion(parsing: version).normalizedLowercased, let found = package.version(lowerVersion: parsed), !countOnly else {
                return nil
            }
            return try await responder.entry(found, options: options, snapshot: snapshot, records: held.source)
        default:
            let versions = package.versions.filter { $0.isVisible(semVer2: options.semVer2) }
            return countOnly
                ? try await responder.count(versions, options: options, snapshot: snapshot, records: held.source)
                : try await responder.feed(
                    title: resource.title, path: resource.path, versions, options: options, snapshot: snapshot,
                    records: held.source)
        }
    }

    /// `package/{id}/{version}` of an upstream version.
    func upstreamDownload(_ upstreams: Upstreams, key: PackageVersionKey, request: Request) async throws -> Response {
        let notFound = GalleryError.notFound("Package '\(key.lowerID)' version '\(key.lowerVersion)' was not found.")
        guard try await gallery.upstreamRefusal(forLowerID: key.lowerID) == nil else { throw notFound }
        let data: Data?
        do {
            data = try await upstreams.file(lowerID: key.lowerID, lowerVersion: key.lowerVersion, name: "\(key.lowerID).\(key.lowerVersion).nupkg")
        } catch let failure as UpstreamFailure {
            throw NuGetHTTPError(failure.isTimeout ? 504 : 502, failure.description)
        }
        guard let data else { throw notFound }
        let blob = BlobKey.nupkg(key)
        return Response(
            status: .ok, headers: [.contentType: blob.contentType, .contentLength: String(data.count)],
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
