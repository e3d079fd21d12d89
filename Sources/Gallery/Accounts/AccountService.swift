import Foundation
public import Logging

/// Creates users, finds accounts and manages API keys, for a principal the policy allows.
public struct AccountService: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock
    let audit: AuditLog
    let authorizer: Authorizer

    /// Creates the service.
    public init(store: any MetadataStore, clock: any GalleryClock, logger: Logger = Logger(label: "pallet.accounts")) {
        self.store = store
        self.clock = clock
        self.audit = AuditLog(store: store, clock: clock, logger: logger)
        self.authorizer = Authorizer(store: store)
    }

    /// Creates a user for someone else (site admins and the admin command line). Usernames keep their case but
    /// are unique case-insensitively, and the names of deleted accounts stay taken forever (nuget.org), so a
    /// name can never be reused to impersonate.
    public func createUser(name: String, email: String, isSiteAdmin: Bool = false, by principal: Principal) async throws -> User {
        try authorizer.check(principal, .administerAccounts)
        return try await createAccount(name: name, email: email, kind: .user, isSiteAdmin: isSiteAdmin, by: principal)
    }

    /// Grants or revokes the site-admin role (site admins only). A site admin cannot drop their own role,
    /// so an installation never loses its last admin by accident.
    public func setSiteAdmin(_ isSiteAdmin: Bool, userName: String, by principal: Principal) async throws {
        try authorizer.check(principal, .administerAccounts)
        var user = try await user(named: userName)
        guard user.isSiteAdmin != isSiteAdmin else { return }
        if !isSiteAdmin, user.key == principal.user.key {
            throw GalleryError.badRequest("You cannot revoke your own site-admin role; ask another site admin.")
        }
        user.isSiteAdmin = isSiteAdmin
        try await store.apply([
            .updateUser(user),
            audit.event(principal, isSiteAdmin ? "siteadmin.granted" : "siteadmin.revoked", target: "user \(user.name)"),
        ])
    }

    func createAccount(name: String, email: String, kind: AccountKind, isSiteAdmin: Bool, by principal: Principal) async throws -> User {
        guard Self.isValidUsername(name) else {
            throw GalleryError.badRequest("'\(name)' is not a valid username: use 1-64 letters, digits, '.', '-' or '_'.")
        }
        guard Self.isValidEmail(email) else {
            throw GalleryError.badRequest("'\(email)' is not a valid email address.")
        }
        if try await store.user(named: name) != nil {
            throw GalleryError.badRequest("The username '\(name)' is already taken.")
        }
        let event = audit.entry(
            principal, kind == .user ? "user.created" : "organization.created", target: "\(kind.rawValue) \(name)",
            details: isSiteAdmin ? "site admin" : ""
        )
        do {
            let user = User(name: name, email: email, isSiteAdmin: isSiteAdmin, created: clock.now(), kind: kind)
            return try await store.createUser(user, audit: [event])
        } catch StoreError.alreadyExists {
            throw GalleryError.badRequest("The username '\(name)' is already taken.")
        }
    }

    /// A live (not deleted) account by name, in any casing.
    public func account(named name: String) async throws -> User {
        guard let account = try await store.user(named: name), !account.isDeleted else {
            throw GalleryError.notFound("There is no account '\(name)'.")
        }
        return account
    }

    /// A live person's account (not an organization).
    public func user(named name: String) async throws -> User {
        let account = try await account(named: name)
        guard account.kind == .user else {
            throw GalleryError.badRequest("'\(account.name)' is an organization, not a user.")
        }
        return account
    }

    /// A live organization.
    public func organization(named name: String) async throws -> User {
        let account = try await account(named: name)
        guard account.isOrganization else {
            throw GalleryError.badRequest("'\(account.name)' is a user, not an organization.")
        }
        return account
    }

    static func isValidUsername(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    static func isValidEmail(_ email: String) -> Bool {
        // Also refuses CR/LF and angle brackets, which would let an address inject SMTP commands or headers.
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && email.count <= 256
            && !email.contains { $0.isWhitespace || $0.isNewline || "<>,;\"".contains($0) || !$0.isASCII }
    }
}
