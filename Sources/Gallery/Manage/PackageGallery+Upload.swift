public import Foundation
public import NuGetCore

/// What the upload page's "Verify" step shows about a `.nupkg` before it is published (gallery.md §1.12).
public struct UploadPreview: Sendable {
    /// The version as it would be stored (metadata, dependencies by framework, license, sizes).
    public let record: PackageVersionRecord
    /// The README packed in the package, if any (rendered by the page, inert).
    public let readme: Data?
    /// NuGetCore's warnings (the same a push returns).
    public let warnings: [String]
    /// True when nobody owns the id yet: the uploader picks the owning account.
    public let isNewID: Bool
    /// Accounts that may own a new id (the user, then each organization); empty for an existing id.
    public let ownerChoices: [String]
    /// The owners of an existing id.
    public let existingOwners: [String]
}

extension PackageGallery {
    /// Reads, validates and authorizes an uploaded package exactly as a push would, without claiming or storing
    /// anything: the upload page's review. Refusals are the push's (`invalidPackage`, 403, 409).
    public func previewUpload(packageAt path: String, by principal: Principal) async throws -> UploadPreview {
        let (contents, warnings) = try await publisher.reader.read(fileAt: path)
        let record = PackageVersionRecord(contents: contents, pushedAt: clock.now())
        let isNewID = try await authorizer.checkPush(principal, id: contents.nuspec.id) == nil
        if let row = try await store.version(record.key), row.state != .pending {
            throw PackagePublisher.duplicate(record, stored: row)
        }
        var choices: [String] = []
        var owners: [String] = []
        if isNewID {
            choices = [principal.user.name]
            for key in principal.memberships.keys.sorted() {
                if let organization = try await store.user(key: key), !organization.isDeleted { choices.append(organization.name) }
            }
        } else {
            for key in try await store.owners(ofLowerID: record.lowerID) {
                if let owner = try await store.user(key: key), !owner.isDeleted { owners.append(owner.name) }
            }
        }
        return UploadPreview(
            record: record, readme: contents.readme, warnings: warnings, isNewID: isNewID, ownerChoices: choices,
            existingOwners: owners.sorted())
    }

    /// Publishes an uploaded package through the push pipeline (the same rules and refusals as `dotnet nuget push`).
    /// A new id is owned by `ownerName` (the user, or an organization the user belongs to); `listed: false`
    /// unlists the version right after it is published.
    public func upload(packageAt path: String, ownerName: String?, listed: Bool, by principal: Principal) async throws -> PushResult {
        var acting = principal
        if let ownerName, !ownerName.isEmpty, ownerName.lowercased() != principal.user.name.lowercased() {
            let organization = try await accounts.organization(named: ownerName)
            guard principal.memberships[organization.key] != nil else {
                throw GalleryError.forbidden("'\(principal.user.name)' is not a member of the organization '\(organization.name)'.")
            }
            acting = Principal(user: principal.user, credential: principal.credential, owner: organization, memberships: principal.memberships)
        }
        let result = try await push(packageAt: path, by: acting)
        guard listed else {
            let (id, version) = try Self.parse(id: result.record.id, version: result.record.normalizedVersion)
            let unlisted = try await setListed(false, id: id, version: version, by: acting)
            return PushResult(record: unlisted, warnings: result.warnings)
        }
        return result
    }
}
