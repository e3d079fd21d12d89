public import Gallery
import Hummingbird

/// The one place where domain errors become HTTP statuses for the NuGet surfaces.
///
/// Statuses follow what NuGet clients expect (protocol §2): 409 for an existing version is the
/// only answer `--skip-duplicate` tolerates; 401 carries `WWW-Authenticate` so credential
/// providers run (§12.12).
extension GalleryError {
    /// The HTTP answer for this refusal.
    public var httpError: NuGetHTTPError {
        switch kind {
        case .invalid: NuGetHTTPError(400, message)
        case .unauthorized: NuGetHTTPError(401, message, headers: [.wwwAuthenticate: "Basic realm=\"Pallet\""])
        case .forbidden: NuGetHTTPError(403, message)
        case .notFound: NuGetHTTPError(404, message)
        case .conflict: NuGetHTTPError(409, message)
        case .tooLarge: NuGetHTTPError(413, message)
        case .unavailable: NuGetHTTPError(503, message, headers: [.retryAfter: "5"])
        }
    }
}
