/// Who is making a write request: a user acting through one API key.
public struct Principal: Sendable, Equatable {
    public let user: User
    public let apiKey: APIKeyRecord
    /// Creates a principal.
    public init(user: User, apiKey: APIKeyRecord) {
        self.user = user
        self.apiKey = apiKey
    }
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
