public import NuGetCore

/// Something a principal asks to do, with the facts the decision needs about its target.
///
/// The facts are gathered by `Authorizer` from the stores; `AuthorizationPolicy` decides on them alone,
/// so every rule can be tested as a table without a server.
public enum GalleryAction: Sendable, Equatable {
    /// Push the first version of an id nobody owns yet.
    case pushNewPackage(PackageID, reservation: PrefixReservation?)
    /// Push another version of an existing id.
    case pushVersion(PackageTarget)
    /// Unlist or relist a version.
    case setListed(PackageTarget)
    /// Deprecate or un-deprecate versions.
    case deprecate(PackageTarget)
    /// Add or remove owners of a package, or answer ownership requests for it.
    case manageOwners(PackageTarget)
    /// Add, remove or change members of an organization, or delete it.
    case manageMembers(organization: User)
    /// Create, edit, regenerate, revoke or delete API keys acting for `owner` (created by `creator`).
    case manageAPIKeys(owner: User, creator: User)
    /// Delete (or transform) an account.
    case manageAccount(User)
    /// Reserve, change or release ID prefixes.
    case reservePrefixes
    /// Lock or unlock a package.
    case lockPackage(PackageTarget)
    /// Hard-delete versions (policy violations only).
    case hardDelete(PackageTarget)
    /// Create accounts for others, grant or revoke the site-admin role.
    case administerAccounts
    /// Import, add or remove vulnerability advisories (site admins).
    case manageAdvisories

    /// A short phrase naming the action in refusals ("manage the owners of …").
    public var phrase: String {
        switch self {
        case .pushNewPackage(let id, _): "push the new package '\(id)'"
        case .pushVersion(let target): "push versions of '\(target.id)'"
        case .setListed(let target): "unlist or relist '\(target.id)'"
        case .deprecate(let target): "deprecate '\(target.id)'"
        case .manageOwners(let target): "manage the owners of '\(target.id)'"
        case .manageMembers(let organization): "manage the members of '\(organization.name)'"
        case .manageAPIKeys(let owner, _): "manage API keys for '\(owner.name)'"
        case .manageAccount(let account): "manage the account '\(account.name)'"
        case .reservePrefixes: "reserve ID prefixes"
        case .lockPackage(let target): "lock '\(target.id)'"
        case .hardDelete(let target): "delete '\(target.id)'"
        case .administerAccounts: "administer accounts"
        case .manageAdvisories: "manage vulnerability advisories"
        }
    }
}

/// An existing package as authorization sees it: its id and owners.
public struct PackageTarget: Sendable, Equatable {
    /// The id as first pushed.
    public var id: String
    /// Account keys of the owners (users or organizations).
    public var ownerKeys: Set<Int64>
    /// A locked package takes no pushes, listing or owner changes until a site admin unlocks it.
    public var isLocked: Bool

    /// Creates a target.
    public init(id: String, ownerKeys: Set<Int64>, isLocked: Bool = false) {
        self.id = id
        self.ownerKeys = ownerKeys
        self.isLocked = isLocked
    }
}
