import Foundation

/// Who "Contact owners" would reach, without their addresses.
public struct ContactableOwners: Sendable, Equatable {
    /// Every owner's account name (users and organizations).
    public var owners: [String]
    /// The owners whose mail setting lets others contact them.
    public var reachable: [String]

    /// Creates the lists.
    public init(owners: [String], reachable: [String]) {
        self.owners = owners
        self.reachable = reachable
    }
}

extension SupportDesk {
    /// The owners of an id and which of them accept messages.
    public func contactableOwners(lowerID: String) async throws -> ContactableOwners {
        var owners: [String] = [], reachable: [String] = []
        for key in try await store.owners(ofLowerID: lowerID) {
            guard let account = try await store.user(key: key), !account.isDeleted else { continue }
            owners.append(account.name)
            if try await allowsContact(userKey: key) { reachable.append(account.name) }
        }
        return ContactableOwners(owners: owners.sorted(), reachable: reachable.sorted())
    }

    /// Mails `message` to every owner of the package who allows contact (an organization: its admins who do),
    /// one mail per owner so no owner sees another's address, reply-to the sender; the sender's copy is sent
    /// separately so it never names an owner's address. Needs a signed-in person with a confirmed email
    /// (`confirmed`, judged by the caller's account service). Returns how many owners were mailed.
    @discardableResult
    public func contactOwners(id: String, version: String, message: String, sendCopy: Bool, confirmed: Bool, by principal: Principal) async throws -> Int {
        guard confirmed, !principal.user.email.isEmpty else {
            throw GalleryError.forbidden("Confirm your email address before contacting owners.")
        }
        let record = try await reportedVersion(id: id, version: version)
        let text = try Self.checkedText(message, field: "Message")
        var recipients: [[String]] = []
        for key in try await store.owners(ofLowerID: record.lowerID) {
            guard let account = try await store.user(key: key), !account.isDeleted,
                  try await allowsContact(userKey: key) else { continue }
            var addresses: [String] = []
            if account.isOrganization {
                for member in try await store.members(ofOrganization: key) where member.role == .admin {
                    if let admin = try await store.user(key: member.userKey), !admin.isDeleted, !admin.email.isEmpty,
                       try await allowsContact(userKey: admin.key) { addresses.append(admin.email) }
                }
            } else if !account.email.isEmpty {
                addresses.append(account.email)
            }
            if !addresses.isEmpty { recipients.append(addresses) }
        }
        guard !recipients.isEmpty else {
            throw GalleryError.badRequest("No owner of \(record.id) accepts messages; try the project's website instead.")
        }
        let subject = "[\(siteName)] Message for owners of the package '\(record.id)'"
        let body = """
            \(principal.user.name) <\(principal.user.email)> sent this message about \(record.id) \(record.normalizedVersion):

            \(text)

            Reply to this mail to answer \(principal.user.name); your own address is then disclosed to them.
            To stop receiving such messages, turn off "allow others to contact me" in your account settings.

            """
        try await store.appendAudit(audit.entry(
            principal, "owners.contacted", target: "package \(record.id)", details: "\(recipients.count) owner(s)"))
        for addresses in recipients {
            await deliver(MailMessage(to: addresses, subject: subject, body: body, replyTo: principal.user.email))
        }
        if sendCopy {
            await deliver(MailMessage(
                to: [principal.user.email], subject: "[\(siteName)] Copy of your message to the owners of '\(record.id)'",
                body: "You sent this to the owners of \(record.id):\n\n" + text + "\n"))
        }
        return recipients.count
    }

    /// Sets the signed-in account's "allow others to contact me" (audited), keeping its other preferences: the
    /// same stored preference as the account settings page's checkbox.
    public func setAllowsContact(_ allows: Bool, by principal: Principal) async throws {
        var preferences = try await store.accountPreferences(userKey: principal.user.key) ?? AccountPreferences(userKey: principal.user.key)
        preferences.allowsContact = allows
        try await store.saveAccountPreferences(preferences, audit: [audit.entry(
            principal, allows ? "contact.allowed" : "contact.refused", target: "user \(principal.user.name)")])
    }

    /// Whether an account accepts messages from Contact owners (nuget.org's default: yes).
    func allowsContact(userKey: Int64) async throws -> Bool {
        try await store.accountPreferences(userKey: userKey)?.allowsContact ?? true
    }
}
