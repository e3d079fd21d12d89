import ArgumentParser
import Foundation
import Gallery

struct AddOwnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-owner", abstract: "Add an owner (user or organization) to a package id.")

    @Argument(help: "Package id.") var id: String
    @Argument(help: "User or organization.") var account: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in try await admin.addOwner(try packageID(id), accountName: account, by: me) }
        print("'\(account)' is an owner of '\(id)'.")
    }
}

struct RemoveOwnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-owner", abstract: "Remove an owner from a package id.")

    @Argument(help: "Package id.") var id: String
    @Argument(help: "User or organization.") var account: String
    @Flag(help: "Also remove the last owner (the package stays available, without owners).") var force = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.removeOwner(try packageID(id), accountName: account, allowLastOwner: force, by: me)
        }
        print("'\(account)' is no longer an owner of '\(id)'.")
    }
}

struct ReservePrefixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reserve-prefix", abstract: "Reserve an ID prefix (Contoso.) or exact id for an owner."
    )

    @Argument(help: "Prefix ending in '.' or '*', or an exact id.") var prefix: String
    @Option(help: "User or organization owning the reservation (repeat the command to add owners).") var owner: String
    @Flag(help: "Open reservation: others may still push new ids under it (without the verified mark).") var open = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let reservation = try await withAdministration(dataOptions) { _, admin, me in
            try await admin.reservePrefix(prefix, ownerName: owner, isOpen: open, by: me)
        }
        print("Reserved '\(reservation.pattern)' for '\(owner)'\(reservation.isOpen ? " (open)" : "").")
    }
}

struct ReleasePrefixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release-prefix", abstract: "Release an ID prefix reservation.")

    @Argument(help: "The reserved prefix.") var prefix: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in try await admin.releasePrefix(prefix, by: me) }
        print("Released '\(prefix)'.")
    }
}

struct DeletePackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-package",
        abstract: "Hard-delete one version (policy violations only): gone everywhere, number never reusable, owners mailed."
    )

    @Argument(help: "Package id.") var id: String
    @Argument(help: "Version.") var version: String
    @Option(help: "Why (recorded in the audit log and mailed to the owners).") var reason: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.deletePackageVersion(try packageID(id), version: try nuGetVersion(version), reason: reason, by: me)
        }
        print("Deleted '\(id)' version '\(version)'.")
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Print the audit log (tab-separated).")

    @Option(help: "Only events at or after this time (ISO 8601, e.g. 2025-01-31 or 2025-01-31T12:00:00Z).") var since: String?
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let start = try since.map(Self.parseDate)
        let events = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.store.auditEvents(since: start)
        }
        let formatter = ISO8601DateFormatter()
        for event in events {
            print([formatter.string(from: event.time), event.actor, event.action, event.target, event.details].joined(separator: "\t"))
        }
    }

    static func parseDate(_ text: String) throws -> Date {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        throw ValidationError("'\(text)' is not an ISO 8601 date or time.")
    }
}
