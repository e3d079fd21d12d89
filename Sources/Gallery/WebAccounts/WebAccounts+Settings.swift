public import Foundation

extension WebAccounts {
    /// How long the link confirming a new email address works.
    public static let emailChangeLinkLifetime: TimeInterval = 86_400

    /// An account's notification preferences (both on until the person turns one off).
    public func preferences(of user: User) async throws -> AccountPreferences {
        try await store.accountPreferences(userKey: user.key) ?? AccountPreferences(userKey: user.key)
    }

    /// "Allow others to contact me": whether the Contact owners form may mail this account.
    public func allowsContact(_ user: User) async throws -> Bool {
        try await preferences(of: user).allowsContact
    }

    /// "Notify me when a package is published to my account".
    public func notifiesOnPublish(_ user: User) async throws -> Bool {
        try await preferences(of: user).notifyOnPublish
    }

    /// Saves the signed-in person's notification preferences.
    public func savePreferences(allowsContact: Bool, notifyOnPublish: Bool, by principal: Principal) async throws {
        let user = principal.user
        let details = "allowContact=\(allowsContact) notifyOnPublish=\(notifyOnPublish)"
        try await store.saveAccountPreferences(
            AccountPreferences(userKey: user.key, allowsContact: allowsContact, notifyOnPublish: notifyOnPublish),
            audit: [audit.entry(principal, "preferences.changed", target: "user \(user.name)", details: details)])
    }

    /// Starts an email change: the new address gets a link (valid 24 hours); the account keeps its address
    /// until the link is opened, so a typo never locks anyone out.
    public func requestEmailChange(to newEmail: String, by principal: Principal) async throws {
        let email = newEmail.trimmingCharacters(in: .whitespaces)
        guard AccountService.isValidEmail(email) else { throw GalleryError.badRequest("'\(email)' is not a valid email address.") }
        guard email.lowercased() != principal.user.email.lowercased() else {
            throw GalleryError.badRequest("That is already your email address.")
        }
        let token = Self.randomToken()
        try await store.savePendingEmailChange(PendingEmailChange(
            tokenHash: Self.sha256(token), userKey: principal.user.key, newEmail: email,
            expires: clock.now().addingTimeInterval(Self.emailChangeLinkLifetime)),
            audit: [audit.entry(principal, "email.change-requested", target: "user \(principal.user.name)")])
        await deliver(to: email, subject: "Confirm your new email address", body: """
            Hello \(principal.user.name),

            Open this link within 24 hours to make this address the email of your account:

            \(baseURL)/account/ConfirmEmailChange?token=\(token)

            Until you do, mail keeps going to your current address. If you did not ask for this, ignore this mail.
            """)
    }

    /// Completes an email change from its mailed link (single use). Returns the account, or nil for an unknown,
    /// used or expired link.
    public func confirmEmailChange(token: String) async throws -> User? {
        guard token.count <= 200, let change = try await store.takePendingEmailChange(tokenHash: Self.sha256(token)),
              change.expires > clock.now(), var user = try await store.user(key: change.userKey), !user.isDeleted
        else { return nil }
        let old = user.email
        user.email = change.newEmail
        try await store.updateUser(user)
        var credentials = try await store.credentials(userKey: user.key) ?? UserCredentials(userKey: user.key, passwordHash: nil, emailConfirmed: true)
        credentials.emailConfirmed = true
        let actor = Principal(user: user, credential: .webSession)
        try await store.saveCredentials(credentials, audit: [audit.entry(actor, "email.changed", target: "user \(user.name)")])
        await deliver(to: old, subject: "Your email address was changed", body: """
            Hello \(user.name),

            The email address of your account was changed to a new one. If you did not do this, reset your
            password and contact the site's administrators.
            """)
        return user
    }
}
