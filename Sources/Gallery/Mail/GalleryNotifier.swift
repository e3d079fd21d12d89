public import Foundation
public import Logging

/// The notifications nuget.org sends about accounts and packages: owner added or removed, hard delete,
/// API key about to expire, account deleted.
///
/// Mail is a side effect of a change that already happened: a failure to send is logged, never thrown.
public struct GalleryNotifier: Sendable {
    let mailer: any Mailer
    let store: any MetadataStore
    let logger: Logger
    /// The site's base URL, for links in mails ("" leaves them relative).
    let baseURL: String

    /// Creates a notifier.
    public init(mailer: any Mailer, store: any MetadataStore, logger: Logger, baseURL: String = "") {
        self.mailer = mailer
        self.store = store
        self.logger = logger
        self.baseURL = baseURL
    }

    /// The addresses that reach an account: its own, or for an organization its admins'.
    func addresses(of account: User) async throws -> [String] {
        guard account.isOrganization else { return account.isDeleted || account.email.isEmpty ? [] : [account.email] }
        var addresses = account.email.isEmpty ? [] : [account.email]
        for member in try await store.members(ofOrganization: account.key) where member.role == .admin {
            if let user = try await store.user(key: member.userKey), !user.isDeleted, !user.email.isEmpty { addresses.append(user.email) }
        }
        return Array(Set(addresses)).sorted()
    }

    /// Addresses of every owner of an id.
    func ownerAddresses(lowerID: String) async throws -> [String] {
        var addresses: Set<String> = []
        for key in try await store.owners(ofLowerID: lowerID) {
            if let account = try await store.user(key: key) { addresses.formUnion(try await self.addresses(of: account)) }
        }
        return addresses.sorted()
    }

    /// Sends, logging instead of throwing; no recipients means nothing to send.
    func deliver(to recipients: [String], subject: String, body: String) async {
        guard !recipients.isEmpty else { return }
        do {
            try await mailer.send(MailMessage(to: recipients, subject: subject, body: body))
        } catch {
            logger.warning("mail could not be sent", metadata: ["subject": "\(subject)", "error": "\(error)"])
        }
    }

    /// To every owner (the new one included): `account` was added as an owner of `id`.
    func ownerAdded(_ account: User, id: String, lowerID: String) async throws {
        await deliver(
            to: try await ownerAddresses(lowerID: lowerID), subject: "[Pallet] \(account.name) is now an owner of \(id)",
            body: "The account '\(account.name)' was added as an owner of the package '\(id)'.\n"
        )
    }

    /// To the removed owner and the remaining ones, a message each (the web's Remove: no address shown to another).
    func ownerRemoved(_ account: User, id: String, lowerID: String) async throws {
        let recipients = Set(try await ownerAddresses(lowerID: lowerID)).union(try await addresses(of: account))
        await deliverEach(
            to: recipients.sorted(), subject: "[Pallet] \(account.name) is no longer an owner of \(id)",
            body: "The account '\(account.name)' was removed from the owners of the package '\(id)'.\n"
        )
    }

    /// To every owner, with the reason (nuget.org mails owners when support deletes a package).
    func packageDeleted(id: String, version: String, lowerID: String, reason: String) async throws {
        await deliver(
            to: try await ownerAddresses(lowerID: lowerID), subject: "[Pallet] \(id) \(version) was deleted",
            body: """
                The package '\(id)' version '\(version)' was deleted by a site administrator.
                Reason: \(reason)
                The version number cannot be used again.

                """
        )
    }

    /// To the key's user: the key stops working at `expires`.
    func keyExpiring(_ key: APIKeyRecord, user: User, expires: Date) async {
        await deliver(
            to: user.isDeleted || user.email.isEmpty ? [] : [user.email],
            subject: "[Pallet] Your API key '\(key.name)' expires soon",
            body: "Your API key '\(key.name)' expires on \(ISO8601DateFormatter().string(from: expires)). Regenerate it to keep pushing.\n"
        )
    }

    /// To the deleted account's address (captured before it was cleared).
    func accountDeleted(name: String, email: String) async {
        await deliver(
            to: email.isEmpty ? [] : [email], subject: "[Pallet] Your account '\(name)' was deleted",
            body: "The account '\(name)' was deleted. Its API keys no longer work and its name cannot be used again.\n"
        )
    }
}
