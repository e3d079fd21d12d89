public import Foundation

/// Creates users and API keys (the admin CLI now; the web gallery and identity rules later).
public struct AccountService: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock

    /// Creates the service.
    public init(store: any MetadataStore, clock: any GalleryClock) {
        self.store = store
        self.clock = clock
    }

    /// Creates a user. Usernames keep their case but are unique case-insensitively (nuget.org).
    public func createUser(name: String, email: String, isSiteAdmin: Bool = false) async throws -> User {
        guard Self.isValidUsername(name) else {
            throw GalleryError.badRequest("'\(name)' is not a valid username: use 1-64 letters, digits, '.', '-' or '_'.")
        }
        guard email.contains("@"), !email.contains(where: \.isWhitespace), email.count <= 256 else {
            throw GalleryError.badRequest("'\(email)' is not a valid email address.")
        }
        if try await store.user(named: name) != nil {
            throw GalleryError.badRequest("The username '\(name)' is already taken.")
        }
        do {
            return try await store.createUser(User(name: name, email: email, isSiteAdmin: isSiteAdmin, created: clock.now()))
        } catch StoreError.alreadyExists {
            throw GalleryError.badRequest("The username '\(name)' is already taken.")
        }
    }

    /// A new key and its secret (shown once; only its hash is stored).
    public func createAPIKey(
        userName: String, name: String?, scopes: [APIKeyScope], globs: [String] = [], packageIDs: [String] = [],
        expiresInDays: Int = 365
    ) async throws -> (record: APIKeyRecord, secret: String) {
        guard let user = try await store.user(named: userName) else {
            throw GalleryError.notFound("There is no user '\(userName)'.")
        }
        guard (1...365).contains(expiresInDays) else {
            throw GalleryError.badRequest("An API key expires after 1 to 365 days, not \(expiresInDays).")
        }
        guard !scopes.isEmpty else { throw GalleryError.badRequest("An API key needs at least one scope.") }
        let secret = APIKeySecret.generate()
        let now = clock.now()
        let record = APIKeyRecord(
            userKey: user.key, name: name ?? "key-\(Int(now.timeIntervalSince1970))", secretHash: APIKeySecret.hash(secret),
            scopes: Array(Set(scopes)).sorted { $0.rawValue < $1.rawValue }, globs: globs, packageIDs: packageIDs,
            created: now, expires: now.addingTimeInterval(TimeInterval(expiresInDays) * 86_400)
        )
        return (try await store.createAPIKey(record), secret)
    }

    static func isValidUsername(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
