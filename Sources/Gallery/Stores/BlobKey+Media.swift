/// What a blob is on the wire: its media type and how long caches may keep it.
///
/// One answer per kind, whichever surface serves it: V3's flat container and V2's
/// `package/{id}/{version}` send the same `.nupkg` with the same headers (docs/QUIRKS.md, "one
/// content type for a .nupkg").
extension BlobKey {
    /// Cache policy of files that never change once written (package files, catalog leaves).
    public static let immutableCacheControl = "public, max-age=31536000, immutable"

    /// The `Content-Type` a download of this blob is answered with.
    public var contentType: String {
        switch self {
        // nuget.org's flat container answers application/octet-stream; NuGet.Server binary/octet-stream.
        case .nupkg: "application/octet-stream"
        case .nuspec: "application/xml"
        case .readme, .readmeOriginal: "text/markdown; charset=utf-8"
        case .icon: "image/png"
        case .licenseFile: "text/plain; charset=utf-8"
        case .document(let path): path.hasSuffix(".json") ? "application/json; charset=utf-8" : "application/octet-stream"
        case .staging: "application/octet-stream"
        case .upstream(_, let name): name.hasSuffix(".nuspec") ? "application/xml" : "application/octet-stream"
        }
    }

    /// The `Cache-Control` a download of this blob is answered with: a version's files are immutable
    /// (a hard delete removes them, it never changes them); documents change on push; staging files are private.
    public var cacheControl: String {
        switch self {
        case .nupkg, .nuspec, .icon, .licenseFile: Self.immutableCacheControl
        // An owner may replace a version's README (the Manage page): short enough for the change to show.
        case .readme, .readmeOriginal: "public, max-age=300"
        case .document: "public, max-age=60"
        case .staging: "no-store"
        case .upstream: Self.immutableCacheControl
        }
    }
}
