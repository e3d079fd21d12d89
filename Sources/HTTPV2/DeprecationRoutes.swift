import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import NuGetCore

/// `PUT /api/v2/package/{id}/deprecations`: nuget.org's deprecation API (protocol §13), for keys with the
/// unlist scope. The body is JSON:
///
/// ```json
/// { "versions": ["1.0.0"], "isLegacy": true, "hasCriticalBugs": false, "isOther": false,
///   "alternatePackageId": "Contoso.Utils2", "alternatePackageVersion": "2.0.0",
///   "message": "Use Contoso.Utils2.", "listedVerb": "Unchanged" }
/// ```
///
/// No reason at all un-deprecates. Every refusal is a 4xx with its message in the reason phrase and body.
struct DeprecationRoutes<Context: PrincipalRequestContext>: Sendable {
    let gallery: PackageGallery

    /// The request body is a few versions and a message: anything larger is not a deprecation.
    static var maximumBodyBytes: Int { 256 << 10 }

    func register(on router: Router<Context>) {
        let writes = router.group().add(middleware: APIKeyAuthenticationMiddleware<Context>(authenticator: gallery.authenticator))
        writes.put("/api/v2/package/:id/deprecations") { request, context in
            try await deprecate(request, context)
        }
    }

    func deprecate(_ request: Request, _ context: Context) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try DeprecationBody.packageID(try context.parameters.require("id"))
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw GalleryError.badRequest("The deprecation request is larger than \(Self.maximumBodyBytes / 1024) KB.")
        }
        let body = try Self.decode(Data(buffer.readableBytesView))
        let changed = try await gallery.deprecate(id, try body.request(), by: principal)
        let verb = body.hasReason ? "deprecated" : "un-deprecated"
        let message = changed.isEmpty
            ? "Nothing changed: the versions of '\(id)' were already in that state.\n"
            : "\(changed.count) version(s) of '\(changed[0].id)' \(verb).\n"
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: message)))
    }

    static func decode(_ data: Data) throws -> DeprecationBody {
        do {
            return try JSONDecoder().decode(DeprecationBody.self, from: data)
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).filter { Int($0) == nil }.joined(separator: ".")
            throw GalleryError.badRequest("The deprecation request's '\(field)' has the wrong type.")
        } catch {
            throw GalleryError.badRequest("The deprecation request must be a JSON object with 'versions' and the reasons.")
        }
    }
}

/// The JSON body of a deprecation request, named as nuget.org names it.
struct DeprecationBody: Decodable {
    var versions: [String]?
    var isLegacy: Bool?
    var hasCriticalBugs: Bool?
    var isOther: Bool?
    var alternatePackageId: String?
    var alternatePackageVersion: String?
    var message: String?
    var listedVerb: String?

    var hasReason: Bool { isLegacy == true || hasCriticalBugs == true || isOther == true }

    /// The domain request; versions, ids and the listed verb are checked here so the message names the field.
    func request() throws -> DeprecationRequest {
        guard let versions, !versions.isEmpty else {
            throw GalleryError.badRequest("The deprecation request needs 'versions': at least one version.")
        }
        let parsed = try versions.map { text in
            guard let version = try? NuGetVersion(parsing: text) else {
                throw GalleryError.badRequest("'\(text)' is not a valid NuGet version.")
            }
            return version
        }
        var reasons: Set<DeprecationRequest.Reason> = []
        if isLegacy == true { reasons.insert(.legacy) }
        if hasCriticalBugs == true { reasons.insert(.criticalBugs) }
        if isOther == true { reasons.insert(.other) }
        let alternateID = try Self.nonEmpty(alternatePackageId).map(Self.packageID)
        let alternateVersion = try Self.nonEmpty(alternatePackageVersion).map { text in
            guard let version = try? NuGetVersion(parsing: text) else {
                throw GalleryError.badRequest("'\(text)' is not a valid alternate package version.")
            }
            return version
        }
        let listing: DeprecationRequest.Listing
        if let verb = Self.nonEmpty(listedVerb) {
            guard let known = DeprecationRequest.Listing.allCases.first(where: { $0.rawValue.lowercased() == verb.lowercased() }) else {
                throw GalleryError.badRequest("'listedVerb' must be Unchanged, Unlist or Relist, not '\(verb)'.")
            }
            listing = known
        } else {
            listing = .unchanged
        }
        return DeprecationRequest(
            versions: parsed, reasons: reasons, message: message, alternatePackageID: alternateID,
            alternatePackageVersion: alternateVersion, listing: listing)
    }

    static func packageID(_ text: String) throws -> PackageID {
        guard let id = try? PackageID(validating: text) else {
            throw GalleryError.badRequest("'\(text)' is not a valid package ID.")
        }
        return id
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
