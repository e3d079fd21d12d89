/// A refusal of the gallery, with the sentence the client shows.
///
/// The HTTP layer maps each case to the status NuGet clients expect (one file per surface);
/// `message` goes unchanged into the reason phrase and the body.
public enum GalleryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The upload is not a valid package (400).
    case invalidPackage(String)
    /// A request parameter is malformed (400).
    case badRequest(String)
    /// No API key was sent, or it is unknown, revoked or expired (401).
    case unauthorized(String)
    /// The key is valid but may not do this to this package (403).
    case forbidden(String)
    /// No such package or version (404).
    case notFound(String)
    /// The id+version was used before (409).
    case versionExists(id: String, version: String)
    /// The upload is over the size limit (413).
    case packageTooLarge(limitBytes: Int64)
    /// A backing service is down (503).
    case unavailable(String)

    /// The one-line message for the client.
    public var message: String {
        switch self {
        case .invalidPackage(let m), .badRequest(let m), .unauthorized(let m), .forbidden(let m),
             .notFound(let m), .unavailable(let m):
            m
        case .versionExists(let id, let version):
            "A package with ID '\(id)' and version '\(version)' already exists and cannot be modified."
        case .packageTooLarge(let limit):
            "The package is larger than the server's limit of \(limit / 1_048_576) MB."
        }
    }

    public var description: String { message }
}
