public import NuGetCore

/// Gathers the facts `AuthorizationPolicy` decides on (owners, reservations, memberships) from the stores.
///
/// Every surface and the admin command line reach a decision through here, so V3, V2, the web gallery and
/// the CLI enforce the same rules.
public struct Authorizer: Sendable {
    let store: any MetadataStore
    let policy: AuthorizationPolicy

    /// Creates an authorizer over a store.
    public init(store: any MetadataStore, policy: AuthorizationPolicy = AuthorizationPolicy()) {
        self.store = store
        self.policy = policy
    }

    /// Throws the refusal when `principal` may not do `action`.
    public func check(_ principal: Principal, _ action: GalleryAction) throws(GalleryError) {
        try policy.check(principal, action)
    }

    /// An existing package's facts, or nil when no version was ever pushed and nobody owns the id.
    /// - Parameter displayID: the id as first pushed, when the caller already knows it.
    public func package(_ id: PackageID, displayID: String? = nil) async throws -> PackageTarget? {
        var owners = try await store.owners(ofLowerID: id.lowercased)
        let versions = displayID == nil || owners.isEmpty ? try await store.versions(ofLowerID: id.lowercased) : []
        if owners.isEmpty, !versions.isEmpty {
            // The id's first push may have committed between the two reads (its claim adds the owner, its
            // publish makes the version available): without owners read again, its owner would be refused.
            owners = try await store.owners(ofLowerID: id.lowercased)
        }
        guard !owners.isEmpty || !versions.isEmpty else { return nil }
        return PackageTarget(
            id: displayID ?? versions.first?.id ?? id.original, ownerKeys: Set(owners),
            isLocked: try await store.isPackageLocked(lowerID: id.lowercased))
    }

    /// Decides a push of `id`: a new package when nobody owns it and it has no versions (prefix reservations
    /// apply), else a new version (ownership applies). Returns the target when the id exists.
    @discardableResult
    public func checkPush(_ principal: Principal, id: PackageID) async throws -> PackageTarget? {
        // Refusals name the id as this push spells it, as clients show it back to the user.
        if let target = try await package(id, displayID: id.original) {
            try check(principal, .pushVersion(target))
            return target
        }
        let reservation = PrefixReservation.deciding(try await store.reservations(), for: id.original)
        try check(principal, .pushNewPackage(id, reservation: reservation))
        return nil
    }

    /// The organizations a user belongs to, with roles (what a principal carries).
    public func memberships(of user: User) async throws -> [Int64: OrganizationRole] {
        var roles: [Int64: OrganizationRole] = [:]
        for membership in try await store.memberships(ofUser: user.key) {
            guard let organization = try await store.user(key: membership.organizationKey), !organization.isDeleted else { continue }
            roles[membership.organizationKey] = membership.role
        }
        return roles
    }

    /// The principal of a person signed in to the web gallery (a snapshot of their memberships).
    public func signedIn(_ user: User) async throws -> Principal {
        guard user.kind == .user, !user.isDeleted else {
            throw GalleryError.unauthorized("The account '\(user.name)' cannot sign in.")
        }
        if try await store.accountFlags(userKey: user.key).isLocked {
            throw GalleryError.unauthorized("The account '\(user.name)' is locked; contact the site administrators.")
        }
        return Principal(user: user, credential: .webSession, memberships: try await memberships(of: user))
    }

    /// The admin command line's principal: acting as the named site admin, or as the operator when unnamed.
    public func adminCLI(actingAs name: String?) async throws -> Principal {
        guard let name else { return .adminCLI() }
        guard let admin = try await store.user(named: name), !admin.isDeleted, admin.kind == .user else {
            throw GalleryError.notFound("There is no account '\(name)'.")
        }
        guard admin.isSiteAdmin else { throw GalleryError.siteAdminRequired(action: "use the admin command line as themselves") }
        return Principal(user: admin, credential: .adminCLI, memberships: try await memberships(of: admin))
    }
}
