import Foundation
import Gallery
import NuGetCore

struct ManageVersionModel {
    let version: String
    let label: String
    let selected: Bool
    let domID: String
}

struct ManageOwnerModel {
    let name: String
    let url: String
    let note: String?
    let removable: Bool
}

struct PendingOwnerModel {
    let name: String
    let requester: String
}

struct ReasonModel {
    let value: String
    let label: String
    let domID: String
    let checked: Bool
}

struct ManagePageModel {
    var layout: LayoutModel
    let csrf: String
    let id: String
    let version: String
    let packageURL: String
    let actionURL: String
    let notice: String?
    let error: String?
    let owners: [ManageOwnerModel]
    let mayManageOwners: Bool
    let pending: [PendingOwnerModel]
    let hasPending: Bool
    let lastOwnerNote: String?
    let versions: [ManageVersionModel]
    let listed: Bool
    let reasons: [ReasonModel]
    let deprecationMessage: String
    let alternateID: String
    let hasReadme: Bool
    let readmeReplaced: Bool
    /// The Documentation form's multipart target, with the CSRF token in its query (as the upload page does).
    let readmeActionURL: String
    let readmeText: String
    let readmeError: String?
}

extension WebGallery {
    /// `/packages/{id}/{version}/Manage` (gallery.md §1.11): Owners, Deprecation, Listing, Documentation.
    /// Throws `GalleryError` (404 unknown package or version, 403 not allowed) for the route to answer.
    func managePage(
        id: String, version: String, by principal: Principal, notice: String? = nil, error: String? = nil,
        readmeError: String? = nil, readmeText: String? = nil
    ) async throws -> String {
        let (packageID, parsed) = try PackageGallery.parse(id: id, version: version)
        let package = try await gallery.managedPackage(packageID, by: principal)
        guard let record = package.versions.first(where: { $0.lowerVersion == parsed.normalizedLowercased }) else {
            throw GalleryError.notFound("Package '\(package.id)' has no version '\(version)'.")
        }
        let mine = Set([principal.user.key] + principal.memberships.keys)
        let owners = package.owners.map { owner in
            ManageOwnerModel(
                name: owner.name, url: "/profiles/" + Format.pathSegment(owner.name),
                note: owner.key == principal.user.key ? "(that's you)" : mine.contains(owner.key) ? "(your organization)" : nil,
                removable: package.mayManageOwners && package.owners.count > 1)
        }
        let versions = package.versions.reversed().enumerated().map { index, item in
            ManageVersionModel(
                version: item.normalizedVersion, label: item.version + (item.listed ? "" : " (unlisted)") + (item.deprecation == nil ? "" : " (deprecated)"),
                selected: item.lowerVersion == record.lowerVersion, domID: "deprecate-version-\(index)")
        }
        let current = Set(record.deprecation?.reasons ?? [])
        let reasons: [(DeprecationRequest.Reason, String)] = [
            (.legacy, "Legacy: this package is no longer maintained"), (.criticalBugs, "Critical bugs: this package has bugs that make it unusable"),
            (.other, "Other"),
        ]
        let pending = try await administration.pendingOwners(packageID).map {
            PendingOwnerModel(name: $0.account.name, requester: $0.requester.name)
        }
        var currentReadme = readmeText ?? ""
        if readmeText == nil, record.metadata.hasReadme, let data = try await gallery.blobs.data(.readme(record.key)),
            data.count <= PackageGallery.maxReadmeBytes {
            currentReadme = String(decoding: data, as: UTF8.self)
        }
        let csrf = WebVisitor.current?.csrfToken ?? ""
        var layout = layout("Manage \(package.id)")
        layout.noIndex = true
        return render(ManagePageModel(
            layout: layout, csrf: csrf, id: package.id, version: record.version,
            packageURL: PackageURLs.version(id: package.id, version: record.normalizedVersion),
            actionURL: PackageURLs.version(id: package.id, version: record.normalizedVersion) + "/Manage",
            notice: notice, error: error, owners: owners, mayManageOwners: package.mayManageOwners, pending: pending,
            hasPending: !pending.isEmpty,
            lastOwnerNote: package.owners.count == 1 ? "A package always keeps at least one owner." : nil,
            versions: versions, listed: record.listed,
            reasons: reasons.map { ReasonModel(value: $0.0.rawValue, label: $0.1, domID: "reason-\($0.0.rawValue.lowercased())", checked: current.contains($0.0.rawValue)) },
            deprecationMessage: record.deprecation?.message ?? "", alternateID: record.deprecation?.alternatePackageID ?? "",
            hasReadme: record.metadata.hasReadme, readmeReplaced: record.metadata.readmeReplaced == true,
            readmeActionURL: PackageURLs.version(id: package.id, version: record.normalizedVersion) + "/Manage/Readme?__RequestVerificationToken="
                + WebForm.queryEscape(csrf),
            readmeText: currentReadme, readmeError: readmeError), "manage")
    }
}
