import Foundation

/// Mails of self-service management (owner requests, organization invitations). Each recipient gets a message of
/// their own, so no address is shown to anyone else; the texts name accounts, never addresses.
extension GalleryNotifier {
    /// One message per address.
    func deliverEach(to recipients: [String], subject: String, body: String) async {
        for address in Set(recipients).sorted() { await deliver(to: [address], subject: subject, body: body) }
    }

    var packagesPage: String { baseURL + "/account/Packages" }
    var organizationsPage: String { baseURL + "/account/Organizations" }

    func ownershipRequested(_ account: User, id: String, requester: User, message: String) async {
        let quoted = message.isEmpty ? "" : "\nTheir message:\n\n" + message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + $0 }.joined(separator: "\n") + "\n"
        await deliverEach(
            to: (try? await addresses(of: account)) ?? [], subject: "[Pallet] Package ownership request for '\(id)'",
            body: """
                '\(requester.name)' would like '\(account.name)' to become an owner of the package '\(id)'.
                \(quoted)
                To accept or decline, sign in as '\(account.name)' (or an admin of it) and open Manage Packages:
                \(packagesPage)

                """)
    }

    func ownershipAccepted(_ account: User, id: String, lowerID: String) async {
        await deliverEach(
            to: (try? await ownerAddresses(lowerID: lowerID)) ?? [], subject: "[Pallet] '\(account.name)' is now an owner of '\(id)'",
            body: "'\(account.name)' accepted the request and is now an owner of the package '\(id)'.\n")
    }

    func ownershipDeclined(_ account: User, id: String, requester: User) async {
        await deliverEach(
            to: (try? await addresses(of: requester)) ?? [], subject: "[Pallet] '\(account.name)' declined to own '\(id)'",
            body: "'\(account.name)' declined your request to become an owner of the package '\(id)'.\n")
    }

    func ownershipCancelled(_ account: User, id: String) async {
        await deliverEach(
            to: (try? await addresses(of: account)) ?? [], subject: "[Pallet] Ownership request for '\(id)' cancelled",
            body: "The request for '\(account.name)' to become an owner of the package '\(id)' was withdrawn.\n")
    }

    func membershipRequested(_ user: User, organization: User, role: OrganizationRole, requester: User) async {
        await deliverEach(
            to: (try? await addresses(of: user)) ?? [], subject: "[Pallet] Invitation to join the organization '\(organization.name)'",
            body: """
                '\(requester.name)' invites you to join the organization '\(organization.name)' as \(role == .admin ? "an Administrator" : "a Collaborator").

                To accept or decline, sign in as '\(user.name)' and open Manage Organizations:
                \(organizationsPage)

                """)
    }

    func membershipAnswered(_ user: User, organization: User, accepted: Bool) async {
        await deliverEach(
            to: (try? await addresses(of: organization)) ?? [],
            subject: "[Pallet] '\(user.name)' \(accepted ? "joined" : "declined to join") '\(organization.name)'",
            body: "'\(user.name)' \(accepted ? "accepted" : "declined") the invitation to the organization '\(organization.name)'.\n")
    }
}
