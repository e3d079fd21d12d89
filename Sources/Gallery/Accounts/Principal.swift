/// Who is making a write request: a user acting through one API key, for the key's owner account.
public struct Principal: Sendable, Equatable {
    /// The user who created the key (always a person, never an organization).
    public let user: User
    public let apiKey: APIKeyRecord
    /// The account the key acts for: the user, or an organization the user still belongs to.
    public let owner: User
    /// The accounts whose packages the key may act on: an organization key acts for its organization only;
    /// a personal key acts for the user and every organization the user belongs to (the rule
    /// "a user may act on a package when the user, or an organization the user belongs to, owns it").
    public let actingAccountKeys: Set<Int64>

    /// Creates a principal; without `owner` the key acts for its user alone.
    public init(user: User, apiKey: APIKeyRecord, owner: User? = nil, actingAccountKeys: Set<Int64>? = nil) {
        self.user = user
        self.apiKey = apiKey
        self.owner = owner ?? user
        self.actingAccountKeys = actingAccountKeys ?? [(owner ?? user).key]
    }

    /// How the audit log names this actor: `user/keyname`.
    public var auditName: String { "\(user.name)/\(apiKey.name)" }
}

/// A write the key is asked to allow.
public enum PackageAction: Sendable, Equatable {
    /// Push a version of an id that has no versions yet.
    case pushNewID
    /// Push a new version of an existing id.
    case pushNewVersion
    /// Unlist or relist.
    case unlist
}
