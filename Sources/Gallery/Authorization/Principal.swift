import Foundation

/// Who is acting, and how they proved it: the authenticated identity every domain verb takes.
///
/// Built at the edge of each surface (an API key from the NuGet headers, a web session cookie, a
/// trusted-publishing token, or the admin command line) and handed to the domain, which asks
/// `AuthorizationPolicy` whether it may act. A principal is a snapshot taken when the request began.
public struct Principal: Sendable, Equatable {
    /// How the principal authenticated.
    public enum Credential: Sendable, Equatable {
        /// An API key (scopes and package selection apply).
        case apiKey(APIKeyRecord)
        /// A person signed in to the web gallery.
        case webSession
        /// A short-lived API key issued by the trusted-publishing token exchange for a CI workflow.
        case trustedPublishing(APIKeyRecord)
        /// The `pallet admin` command line on the server's own machine: a site admin by construction.
        case adminCLI
    }

    /// The person acting (for the command line without a named admin: a stand-in operator account, key 0).
    public let user: User
    /// How `user` authenticated.
    public let credential: Credential
    /// The account the credential acts for: an API key's package owner (the user, or an organization the
    /// user belongs to); the user itself for sessions and the command line.
    public let owner: User
    /// The organizations `user` belongs to, with the role held in each (organization key → role).
    public let memberships: [Int64: OrganizationRole]

    /// Creates a principal. `owner` defaults to the user.
    public init(user: User, credential: Credential, owner: User? = nil, memberships: [Int64: OrganizationRole] = [:]) {
        self.user = user
        self.credential = credential
        self.owner = owner ?? user
        self.memberships = memberships
    }

    /// The command line's principal: the named site admin, or the installation's operator when none is named.
    public static func adminCLI(_ admin: User? = nil) -> Principal {
        let user = admin ?? User(key: 0, name: AuditLog.adminCLI, email: "", isSiteAdmin: true, created: .distantPast)
        return Principal(user: user, credential: .adminCLI)
    }

    /// The API key the principal acts through, if any (trusted-publishing keys included).
    public var apiKey: APIKeyRecord? {
        switch credential {
        case .apiKey(let key), .trustedPublishing(let key): key
        case .webSession, .adminCLI: nil
        }
    }

    /// Whether this principal holds the site-admin role (a site admin's account, or the command line).
    public var isSiteAdmin: Bool { credential == .adminCLI || user.isSiteAdmin }

    /// The accounts whose packages the principal may act on as an owner. A key made for an organization acts
    /// for that organization only; a personal key, a session and the command line act for the user and every
    /// organization the user belongs to ("a user may act on a package when the user, or an organization the
    /// user belongs to, owns it").
    /// The command line acting for a named account (`pallet admin import --owner`) acts for that account only.
    public var actingAccountKeys: Set<Int64> {
        if apiKey != nil || credential == .adminCLI, owner.key != user.key { return [owner.key] }
        return Set(memberships.keys).union([user.key])
    }

    /// The accounts the principal may act for when managing a package's owners: the user and the organizations
    /// it administers (nuget.org: `ManagePackageOwnership` needs the owner itself or an organization admin).
    public var administeredAccountKeys: Set<Int64> {
        Set(memberships.filter { $0.value == .admin }.keys).union([user.key])
    }

    /// How the audit log names this actor: `user/keyname` for keys, the user's name for sessions,
    /// `admin-cli` (or `name (admin-cli)`) for the command line.
    public var auditName: String {
        switch credential {
        case .apiKey(let key): "\(user.name)/\(key.name)"
        case .trustedPublishing(let key): "\(user.name)/\(key.name) (trusted publishing)"
        case .webSession: user.name
        case .adminCLI: user.key == 0 ? AuditLog.adminCLI : "\(user.name) (\(AuditLog.adminCLI))"
        }
    }
}
