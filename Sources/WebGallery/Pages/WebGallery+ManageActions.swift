import Foundation
import Gallery
import Logging
import NuGetCore

/// Where a Manage form leads: back to the Manage page (of the version the form changed, for Listing), with a notice.
struct ManageOutcome {
    /// The version whose Manage page to show next; nil for the page the form was on.
    let version: String?
    /// `listed`, `unlisted`, `deprecated`, `undeprecated`, `owner-removed`: the notice to show.
    let done: String

    static func notice(_ done: String) -> String? {
        switch done {
        case "listed": "The version is listed: it appears in search results again."
        case "unlisted": "The version is unlisted: it no longer appears in search results, and can still be installed by its exact version."
        case "deprecated": "The deprecation is saved."
        case "undeprecated": "The deprecation is removed."
        case "owner-removed": "The owner is removed."
        case "owner-requested": "The request is sent. The account becomes an owner when it accepts."
        case "owner-cancelled": "The ownership request is cancelled."
        case "readme-replaced": "The README is replaced."
        case "readme-reverted": "The README is back to the package's own."
        default: nil
        }
    }
}

extension WebGallery {
    /// Applies one posted Manage form through the domain (the same verbs as the NuGet API and the admin CLI).
    func manage(_ id: PackageID, form: WebForm, by principal: Principal) async throws -> ManageOutcome {
        switch form["Section"] {
        case "listing":
            let version = try Self.version(form["Version"])
            let listed = form["Listed"] == "true"
            let record = try await gallery.setListed(listed, id: id, version: version, by: principal)
            return ManageOutcome(version: record.normalizedVersion, done: listed ? "listed" : "unlisted")
        case "deprecation":
            let versions = try form.values("Versions").map { try Self.version($0) }
            let reasons = Set(form.values("Reasons").compactMap(DeprecationRequest.Reason.init(rawValue:)))
            let alternate = (form["AlternatePackageId"] ?? "").trimmingCharacters(in: .whitespaces)
            let alternateVersion = (form["AlternatePackageVersion"] ?? "").trimmingCharacters(in: .whitespaces)
            guard alternate.isEmpty || (try? PackageID(validating: alternate)) != nil else {
                throw GalleryError.badRequest("'\(alternate)' is not a valid package ID.")
            }
            let request = DeprecationRequest(
                versions: versions, reasons: reasons, message: form["Message"].flatMap { $0.isEmpty ? nil : $0 },
                alternatePackageID: alternate.isEmpty ? nil : try PackageID(validating: alternate),
                alternatePackageVersion: alternateVersion.isEmpty ? nil : try Self.version(alternateVersion))
            try await gallery.deprecate(id, request, by: principal)
            return ManageOutcome(version: nil, done: reasons.isEmpty ? "undeprecated" : "deprecated")
        case "remove-owner":
            let name = form["Username"] ?? ""
            try await administration.removeOwner(id, accountName: name, by: principal)
            return ManageOutcome(version: nil, done: "owner-removed")
        case "add-owner":
            _ = try await administration.requestOwner(id, accountName: form["Username"] ?? "", message: form["Message"] ?? "", by: principal)
            return ManageOutcome(version: nil, done: "owner-requested")
        case "cancel-owner":
            try await administration.cancelOwnershipRequest(id, accountName: form["Username"] ?? "", by: principal)
            return ManageOutcome(version: nil, done: "owner-cancelled")
        default:
            throw GalleryError.badRequest("The form does not name a section of the Manage page.")
        }
    }

    static func version(_ text: String?) throws -> NuGetVersion {
        guard let text, let version = try? NuGetVersion(parsing: text) else {
            throw GalleryError.badRequest("'\(text ?? "")' is not a valid NuGet version.")
        }
        return version
    }
}

extension WebGallery {
    /// Accept, decline (the invited account) or cancel (the requester) an ownership request from `/account/Packages`.
    func answerOwnership(form: WebForm, by principal: Principal) async throws -> String {
        guard let id = try? PackageID(validating: form["PackageId"] ?? "") else {
            throw GalleryError.badRequest("'\(form["PackageId"] ?? "")' is not a valid package ID.")
        }
        let account = form["Account"] ?? ""
        switch form["Action"] {
        case "accept":
            try await administration.answerOwnershipRequest(id, accountName: account, accept: true, by: principal)
            return "\(account) is now an owner of \(id.original)."
        case "decline":
            try await administration.answerOwnershipRequest(id, accountName: account, accept: false, by: principal)
            return "You declined the request to own \(id.original)."
        case "cancel":
            try await administration.cancelOwnershipRequest(id, accountName: account, by: principal)
            return "The request to \(account) is cancelled."
        default:
            throw GalleryError.badRequest("The form does not name an action.")
        }
    }
}
