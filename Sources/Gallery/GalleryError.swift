/// A refusal of the gallery, with the sentence the client shows.
///
/// Each surface maps a case to its own answer (NuGet: a status and the message in the reason phrase and
/// the body; the web: a page or a field message), switching on `kind` so new refusals need no new mapping.
public enum GalleryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The upload is not a valid package (400).
    case invalidPackage(String)
    /// A request parameter is malformed (400).
    case badRequest(String)
    /// No API key was sent, or it is unknown, revoked or expired (401).
    case unauthorized(String)
    /// The principal may not do this (403), for a reason without a case of its own.
    case forbidden(String)
    /// The principal's accounts do not own the package (403).
    case notOwner(id: String)
    /// A new id lies under a closed prefix reservation the principal's accounts do not hold (403).
    case prefixReserved(id: String, prefix: String)
    /// The API key lacks the scope the action needs (403).
    case missingScope(keyName: String, GalleryScopeNeed)
    /// The API key's package selection does not cover the id (403).
    case outsideKeySelection(keyName: String, id: String)
    /// Only site admins may do this (403).
    case siteAdminRequired(action: String)
    /// API keys act on packages only; this needs a signed-in person or the admin command line (403).
    case notWithAPIKey(action: String)
    /// The package is locked by a site admin (403).
    case packageLocked(id: String)
    /// No such package or version (404).
    case notFound(String)
    /// The id+version was used before (409).
    case versionExists(id: String, version: String)
    /// The same id and version were pushed before with byte-identical content (409, worded apart from a
    /// different package under a used number, so a retried push can be told from a real conflict).
    case identicalVersionExists(id: String, version: String)
    /// The upload is over the size limit (413).
    case packageTooLarge(limitBytes: Int64)
    /// A backing service is down (503).
    case unavailable(String)

    /// What kind of refusal this is: the part of an error every surface maps.
    public enum Kind: Sendable, Equatable {
        case invalid, unauthorized, forbidden, notFound, conflict, tooLarge, unavailable
    }

    /// The kind of refusal.
    public var kind: Kind {
        switch self {
        case .invalidPackage, .badRequest: .invalid
        case .unauthorized: .unauthorized
        case .forbidden, .notOwner, .prefixReserved, .missingScope, .outsideKeySelection, .siteAdminRequired,
             .notWithAPIKey, .packageLocked:
            .forbidden
        case .notFound: .notFound
        case .versionExists, .identicalVersionExists: .conflict
        case .packageTooLarge: .tooLarge
        case .unavailable: .unavailable
        }
    }

    /// The one-line message for the client. NuGet answers keep their wording (tests outside pin it).
    public var message: String {
        switch self {
        case .invalidPackage(let m), .badRequest(let m), .unauthorized(let m), .forbidden(let m),
             .notFound(let m), .unavailable(let m):
            m
        case .notOwner(let id):
            "You are not an owner of package '\(id)'."
        case .prefixReserved(let id, let prefix):
            "The package ID '\(id)' is reserved by the ID prefix reservation '\(prefix)'; only its owners may push new packages under it."
        case .missingScope(let keyName, let need):
            switch need {
            case .pushNewPackage: "The API key '\(keyName)' may not push new package IDs (it lacks the 'push' scope)."
            case .pushVersion: "The API key '\(keyName)' may not push packages (it lacks a push scope)."
            case .unlist: "The API key '\(keyName)' may not unlist or relist packages (it lacks the 'unlist' scope)."
            }
        case .outsideKeySelection(let keyName, let id):
            "The API key '\(keyName)' does not cover package '\(id)'."
        case .siteAdminRequired(let action):
            "Only site admins may \(action)."
        case .notWithAPIKey(let action):
            "An API key cannot \(action): sign in to the gallery instead."
        case .packageLocked(let id):
            "The package '\(id)' is locked by the site administrators; contact support."
        case .versionExists(let id, let version):
            "A package with ID '\(id)' and version '\(version)' already exists and cannot be modified."
        case .identicalVersionExists(let id, let version):
            "A package with ID '\(id)' and version '\(version)' already exists with identical content; nothing was changed."
        case .packageTooLarge(let limit):
            "The package is larger than the server's limit of \(limit / 1_048_576) MB."
        }
    }

    public var description: String { message }
}

/// The scope an API key was missing (nuget.org's three scopes).
public enum GalleryScopeNeed: Sendable, Equatable {
    /// `push`: new package ids.
    case pushNewPackage
    /// `push` or `push-versions`.
    case pushVersion
    /// `unlist` (also relist and deprecate).
    case unlist
}
