import ArgumentParser
import Foundation
import Gallery
import PalletApp
import WebGallery

struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user account.")

    @Argument(help: "Username (case kept; unique in any casing; never renamed).") var name: String
    @Option(help: "Email address.") var email: String
    @Flag(help: "Make the user a site admin.") var admin = false
    @Flag(help: "Read a web sign-in password from standard input (one line); the account's email counts as confirmed.")
    var passwordStdin = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        var password: String?
        if passwordStdin {
            // The whole first line, as typed or piped (never from the command line, where `ps` would show it).
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: no password on standard input.")
            }
            do { try WebAccounts.checkPassword(line) } catch let error as GalleryError { throw ValidationError(error.message) }
            password = line
        }
        let user = try await withAdminGallery(dataOptions) { gallery, me in
            let user = try await gallery.accounts.createUser(name: name, email: email, isSiteAdmin: admin, by: me)
            if let password {
                let config = try await ServerConfig.load(commandLine: dataOptions.commandLine)
                let accounts = WebAccounts(
                    store: gallery.store, clock: gallery.clock, hasher: BcryptPasswordHasher(cost: UInt8(config.passwordHashCost)))
                try await accounts.setPassword(password, for: user, emailConfirmed: true, by: me)
            }
            return user
        }
        print("Created user '\(user.name)'\(user.isSiteAdmin ? " (site admin)" : "")\(password == nil ? "" : " with a password").")
    }
}

struct CreateOrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-org", abstract: "Create an organization with a first admin.")

    @Argument(help: "Organization name (shares the username space).") var name: String
    @Option(help: "An existing user who becomes the organization's admin.") var admin: String
    @Option(help: "Notification address (default: the admin's).") var email: String?
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let organization = try await withAdministration(dataOptions) { _, admin, me in
            try await admin.createOrganization(name: name, email: email, adminName: self.admin, by: me)
        }
        print("Created organization '\(organization.name)' with admin '\(admin)'.")
    }
}

struct AddMemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a member to an organization, or change its role.")

    @Argument(help: "Organization.") var organization: String
    @Argument(help: "User.") var user: String
    @Option(help: "admin | collaborator.") var role: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        guard let role = OrganizationRole(rawValue: role) else {
            throw ValidationError("Unknown role '\(role)': use admin or collaborator.")
        }
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.addMember(organizationName: organization, userName: user, role: role, by: me)
        }
        print("'\(user)' is now \(role == .admin ? "an admin" : "a collaborator") of '\(organization)'.")
    }
}

struct RemoveMemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Remove a member from an organization.")

    @Argument(help: "Organization.") var organization: String
    @Argument(help: "User.") var user: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.removeMember(organizationName: organization, userName: user, by: me)
        }
        print("'\(user)' is no longer a member of '\(organization)'; their keys for it no longer work.")
    }
}

struct TransformToOrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform-to-org", abstract: "Turn a user account into an organization; its packages stay with it."
    )

    @Argument(help: "The user account to transform.") var name: String
    @Option(help: "Another existing user who becomes the organization's admin.") var admin: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            _ = try await admin.transformToOrganization(name: name, adminName: self.admin, by: me)
        }
        print("'\(name)' is now an organization administered by '\(admin)'; its own API keys were revoked.")
    }
}

struct DeleteUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-user",
        abstract: "Delete an account: revoke its keys, remove its ownerships, memberships and reservations; the name stays reserved."
    )

    @Argument(help: "User or organization.") var name: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.deleteAccount(name: name, by: me)
        }
        print("Deleted account '\(name)'. Its name stays reserved in every casing.")
    }
}
