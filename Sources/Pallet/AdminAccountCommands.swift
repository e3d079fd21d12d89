import ArgumentParser
import Gallery

struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user account.")

    @Argument(help: "Username (case kept; unique in any casing; never renamed).") var name: String
    @Option(help: "Email address.") var email: String
    @Flag(help: "Make the user a site admin.") var admin = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let user = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.accounts.createUser(name: name, email: email, isSiteAdmin: admin, by: me)
        }
        print("Created user '\(user.name)'\(user.isSiteAdmin ? " (site admin)" : "").")
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
