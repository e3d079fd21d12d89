import Foundation
public import NuGetCore

/// A pending ownership request with its accounts, for pages.
public struct PendingOwnership: Sendable {
    public let request: OwnershipRequest
    /// The package id as first pushed.
    public let id: String
    public let account: User
    public let requester: User
}

extension GalleryAdministration {
    /// The longest message an owner request carries (nuget.org's contact-form size).
    public static let maximumRequestMessageLength = 4000

    /// Asks an account to become an owner of a package (nuget.org's "Add owner"): nothing changes until the
    /// account accepts; the account (an organization: its admins) is mailed. Needs the right to manage owners.
    public func requestOwner(_ id: PackageID, accountName: String, message: String, by principal: Principal) async throws -> User {
        let target = try await knownPackage(id)
        try authorizer.check(principal, .manageOwners(target))
        let name = accountName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw GalleryError.badRequest("Enter the username of the new owner.") }
        guard !name.contains("@") else { throw GalleryError.badRequest("Enter a username, not an email address.") }
        let account = try await accounts.account(named: name)
        guard !target.ownerKeys.contains(account.key) else {
            throw GalleryError.badRequest("'\(account.name)' is already an owner of '\(target.id)'.")
        }
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.maximumRequestMessageLength else {
            throw GalleryError.badRequest("The message is longer than \(Self.maximumRequestMessageLength) characters.")
        }
        if try await store.ownershipRequests(ofLowerID: id.lowercased).contains(where: { $0.accountKey == account.key }) {
            throw GalleryError.badRequest("'\(account.name)' was already asked to become an owner of '\(target.id)'.")
        }
        let request = OwnershipRequest(
            lowerID: id.lowercased, accountKey: account.key, requesterKey: principal.user.key, message: text, created: clock.now())
        try await store.apply([
            .saveOwnershipRequest(request),
            audit.event(principal, "owner.requested", target: "package \(target.id)", details: account.name),
        ])
        await notifier.ownershipRequested(account, id: target.id, requester: principal.user, message: text)
        return account
    }

    /// The invited account (the user, or an admin of the invited organization) accepts or declines. Accepting
    /// makes it an owner in the same transaction that removes the request; the owners are mailed, a decline
    /// goes to the requester.
    public func answerOwnershipRequest(_ id: PackageID, accountName: String, accept: Bool, by principal: Principal) async throws {
        let account = try await accounts.account(named: accountName)
        guard let request = try await store.ownershipRequests(ofLowerID: id.lowercased).first(where: { $0.accountKey == account.key }) else {
            throw GalleryError.notFound("There is no pending request for '\(account.name)' to own '\(id.original)'.")
        }
        guard principal.administeredAccountKeys.contains(account.key) else {
            throw GalleryError.forbidden("This request is for '\(account.name)'; sign in as '\(account.name)' (or an admin of it) to answer it.")
        }
        let target = try await knownPackage(id)
        var changes: [AccountChange] = [.deleteOwnershipRequest(lowerID: request.lowerID, accountKey: account.key)]
        if accept {
            changes += [.addOwner(accountKey: account.key, lowerID: request.lowerID), .markDirty([request.lowerID])]
        }
        changes.append(audit.event(principal, accept ? "owner.accepted" : "owner.declined", target: "package \(target.id)", details: account.name))
        try await store.apply(changes)
        if accept {
            try await publish([request.lowerID])
            await notifier.ownershipAccepted(account, id: target.id, lowerID: request.lowerID)
        } else if let requester = try await store.user(key: request.requesterKey) {
            await notifier.ownershipDeclined(account, id: target.id, requester: requester)
        }
    }

    /// An owner withdraws a pending request (the "Remove" of a pending row); the invited account is told.
    public func cancelOwnershipRequest(_ id: PackageID, accountName: String, by principal: Principal) async throws {
        let target = try await knownPackage(id)
        try authorizer.check(principal, .manageOwners(target))
        let account = try await accounts.account(named: accountName)
        guard try await store.ownershipRequests(ofLowerID: id.lowercased).contains(where: { $0.accountKey == account.key }) else {
            throw GalleryError.notFound("There is no pending request for '\(account.name)' to own '\(target.id)'.")
        }
        try await store.apply([
            .deleteOwnershipRequest(lowerID: id.lowercased, accountKey: account.key),
            audit.event(principal, "owner.request-cancelled", target: "package \(target.id)", details: account.name),
        ])
        await notifier.ownershipCancelled(account, id: target.id)
    }

    /// Pending requests of one package (its Manage page; the caller authorized the page).
    public func pendingOwners(_ id: PackageID) async throws -> [PendingOwnership] {
        try await pending(try await store.ownershipRequests(ofLowerID: id.lowercased))
    }

    /// Requests the principal may answer (received) and the ones the principal sent (`/account/Packages`).
    public func ownershipRequests(of principal: Principal) async throws -> (received: [PendingOwnership], sent: [PendingOwnership]) {
        var received: [OwnershipRequest] = []
        for key in principal.administeredAccountKeys.sorted() {
            received += try await store.ownershipRequests(involving: key).filter { $0.accountKey == key }
        }
        let sent = try await store.ownershipRequests(involving: principal.user.key).filter { $0.requesterKey == principal.user.key }
        return (try await pending(received), try await pending(sent))
    }

    private func pending(_ requests: [OwnershipRequest]) async throws -> [PendingOwnership] {
        var result: [PendingOwnership] = []
        for request in requests {
            guard let account = try await store.user(key: request.accountKey), !account.isDeleted,
                  let requester = try await store.user(key: request.requesterKey) else { continue }
            let id = try await store.versions(ofLowerID: request.lowerID).first?.id ?? request.lowerID
            result.append(PendingOwnership(request: request, id: id, account: account, requester: requester))
        }
        return result
    }
}
