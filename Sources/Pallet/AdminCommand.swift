import ArgumentParser
import Foundation
import Gallery
import Logging
import PalletApp

/// `pallet admin …`: account and key administration. Works while the server runs on the same data folder.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administer users and API keys.",
        subcommands: [CreateUserCommand.self, CreateAPIKeyCommand.self]
    )
}

/// Runs `body` on the gallery of the data folder (no server), closing the store afterwards in every case.
func withAdminGallery<T>(_ options: DataOptions, _ body: (PackageGallery) async throws -> T) async throws -> T {
    let config = try await ServerConfig.load(commandLine: options.commandLine)
    var logger = Logger(label: "pallet-admin")
    logger.logLevel = .warning
    let gallery = try await PalletServer.openGallery(config: config, logger: logger)
    do {
        let result = try await body(gallery)
        await gallery.shutdown()
        return result
    } catch {
        await gallery.shutdown()
        throw error
    }
}

struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user account.")

    @Argument(help: "Username (case kept; unique in any casing).") var name: String
    @Option(help: "Email address.") var email: String
    @Flag(help: "Make the user a site admin.") var admin = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let user = try await withAdminGallery(dataOptions) { gallery in
            try await gallery.accounts.createUser(name: name, email: email, isSiteAdmin: admin)
        }
        print("Created user '\(user.name)'\(user.isSiteAdmin ? " (site admin)" : "").")
    }
}

struct CreateAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-api-key", abstract: "Create an API key; the secret is the last line printed (shown once)."
    )

    @Option(help: "The user who owns the key.") var user: String
    @Option(help: "A name for the key.") var name: String?
    @Option(help: "push | push-versions | unlist (repeatable; default push + unlist).") var scope: [String] = []
    @Option(help: "Package id glob such as Contoso.* (repeatable).") var glob: [String] = []
    @Option(help: "Explicit package id (repeatable).") var package: [String] = []
    @Option(name: .customLong("expires-in-days"), help: "Days until the key expires (1-365, default 365).") var expiresInDays: Int = 365
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let scopes = try scope.map { raw -> APIKeyScope in
            guard let scope = APIKeyScope(rawValue: raw) else {
                throw ValidationError("Unknown scope '\(raw)': use push, push-versions or unlist.")
            }
            return scope
        }
        let created = try await withAdminGallery(dataOptions) { gallery in
            try await gallery.accounts.createAPIKey(
                userName: user, name: name, scopes: scopes.isEmpty ? [.push, .unlist] : scopes,
                globs: glob, packageIDs: package, expiresInDays: expiresInDays
            )
        }
        print("Created API key '\(created.record.name)' for '\(user)', expires \(created.record.expires.map { ISO8601DateFormatter().string(from: $0) } ?? "never").")
        print(created.secret)
    }
}
