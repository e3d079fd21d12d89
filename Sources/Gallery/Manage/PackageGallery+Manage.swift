import Foundation
public import NuGetCore

/// What the web gallery's Manage page (`/packages/{id}/{version}/Manage`) needs about one package for one
/// principal: the versions, the owners, and which sections the principal may use.
public struct ManagedPackage: Sendable {
    /// The id as first pushed.
    public let id: String
    /// Every available version, listed or not, lowest first.
    public let versions: [PackageVersionRecord]
    /// The owning accounts (users and organizations), by name.
    public let owners: [User]
    /// Whether the principal may add and remove owners (an organization admin, not a collaborator).
    public let mayManageOwners: Bool
}

extension PackageGallery {
    /// The package as its Manage page shows it, for a principal allowed to unlist it (an owner, a member of an
    /// owning organization, a site admin): 404 for an unknown id, 403 for anyone else (nuget.org's rule:
    /// `ActionsRequiringPermissions.ManagePackage`).
    public func managedPackage(_ id: PackageID, by principal: Principal) async throws -> ManagedPackage {
        let records = try await store.versions(ofLowerID: id.lowercased).filter { $0.state == .available }
        guard let first = records.first else { throw GalleryError.notFound("There is no package '\(id.original)'.") }
        let ownerKeys = try await store.owners(ofLowerID: id.lowercased)
        let target = PackageTarget(id: first.id, ownerKeys: Set(ownerKeys))
        try authorizer.check(principal, .setListed(target))
        var owners: [User] = []
        for key in ownerKeys {
            if let account = try await store.user(key: key), !account.isDeleted { owners.append(account) }
        }
        let sorted = records.availableInNuGetOrder()
        let mayManageOwners = (try? authorizer.check(principal, .manageOwners(target))) != nil
        return ManagedPackage(
            id: first.id, versions: sorted, owners: owners.sorted { $0.name.lowercased() < $1.name.lowercased() },
            mayManageOwners: mayManageOwners)
    }

    /// Whether the principal may manage the package (the package page's "Manage package" link and unlisted rows).
    public func mayManage(lowerID: String, by principal: Principal?) async throws -> Bool {
        guard let principal else { return false }
        let ownerKeys = try await store.owners(ofLowerID: lowerID)
        return (try? authorizer.check(principal, .setListed(PackageTarget(id: lowerID, ownerKeys: Set(ownerKeys))))) != nil
    }
}
