public import Foundation
import Logging

extension WebAccounts {
    /// How long a mailed reset link works.
    public static let resetLinkLifetime: TimeInterval = 3_600

    /// "Forgot your password?": mails a single-use reset link, valid one hour, to each person account with this
    /// address. Says nothing back: the page answers the same whether or not the address has an account, so
    /// nobody learns who is registered. A mail that fails is logged.
    public func requestPasswordReset(email: String) async throws {
        guard passwordSignIn else { throw Self.passwordSignInOff }
        let email = email.trimmingCharacters(in: .whitespaces)
        guard AccountService.isValidEmail(email) else { return }
        for user in try await store.users(withEmail: email) where user.kind == .user {
            let token = Self.randomToken()
            try await store.saveAccountToken(AccountToken(
                tokenHash: Self.sha256(token), userKey: user.key, purpose: "reset-password",
                expires: clock.now().addingTimeInterval(Self.resetLinkLifetime)))
            await deliver(to: user.email, subject: "Reset your password", body: """
                Hello \(user.name),

                Someone (we hope you) asked to reset the password of your account. Open this link within one hour
                to choose a new password:

                \(baseURL)/account/ResetPassword?token=\(token)

                The link works once. If you did not ask, ignore this mail: your password stays as it is.
                """)
        }
    }

    /// Sets a new password from a mailed reset link (single use, one hour). Every session of the account ends.
    /// Opening the link proves the address, so the email counts as confirmed.
    public func resetPassword(token: String, password: String, confirmation: String) async throws -> User {
        guard passwordSignIn else { throw Self.passwordSignInOff }
        try Self.checkNewPassword(password, confirmation: confirmation)
        guard token.count <= 200, let stored = try await store.takeAccountToken(tokenHash: Self.sha256(token), purpose: "reset-password"),
              stored.expires > clock.now(), let user = try await store.user(key: stored.userKey), !user.isDeleted
        else {
            throw GalleryError.badRequest("This password reset link is unknown, was used already, or is more than an hour old. Ask for a new one.")
        }
        let actor = Principal(user: user, credential: .webSession)
        try await store.saveCredentials(
            UserCredentials(userKey: user.key, passwordHash: hasher.hash(password), emailConfirmed: true),
            audit: [audit.entry(actor, "password.reset", target: "user \(user.name)")])
        try await store.deleteWebSessions(userKey: user.key)
        try await store.clearSignInFailures(key: SignInThrottle.accountKey(user.name))
        return user
    }

    /// Changes a signed-in person's password (the current one is required). Every session of the account ends;
    /// the one making the change is replaced by a new session, returned for the cookie.
    public func changePassword(current: String, new password: String, confirmation: String, by principal: Principal) async throws -> WebSignIn {
        let user = principal.user
        guard let credentials = try await store.credentials(userKey: user.key), let hash = credentials.passwordHash,
              hasher.verify(current, hash: hash)
        else { throw GalleryError.badRequest("The current password is not correct.") }
        try Self.checkNewPassword(password, confirmation: confirmation)
        var changed = credentials
        changed.passwordHash = hasher.hash(password)
        try await store.saveCredentials(changed, audit: [audit.entry(principal, "password.changed", target: "user \(user.name)")])
        try await store.deleteWebSessions(userKey: user.key)
        return try await startSession(for: user)
    }

    static func checkNewPassword(_ password: String, confirmation: String) throws {
        try checkPassword(password)
        guard password == confirmation else { throw GalleryError.badRequest("The new password and its confirmation do not match.") }
    }

    /// Sends one mail to one person (so no other address is shown), logging a failure instead of throwing:
    /// the change it reports already happened.
    func deliver(to address: String, subject: String, body: String) async {
        guard let mailer, !address.isEmpty else { return }
        do {
            try await mailer.send(MailMessage(to: [address], subject: subject, body: body))
        } catch {
            logger.warning("account mail failed", metadata: ["subject": "\(subject)", "error": "\(error)"])
        }
    }
}
