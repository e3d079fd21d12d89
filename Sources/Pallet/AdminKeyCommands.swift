import ArgumentParser
import Foundation
import Gallery

struct CreateAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-api-key", abstract: "Create an API key; the secret is the last line printed (shown once)."
    )

    @Option(help: "The user who creates and uses the key.") var user: String
    @Option(help: "An organization of the user the key acts for (default: the user).") var owner: String?
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
        let created = try await withAdministration(dataOptions) { _, administration, me in
            try await administration.createAPIKey(
                userName: user, ownerName: owner, name: name, scopes: scopes.isEmpty ? [.push, .unlist] : scopes,
                globs: glob, packageIDs: package, expiresInDays: expiresInDays, by: me
            )
        }
        print("Created API key '\(created.record.name)' for '\(user)'\(owner.map { " acting for '\($0)'" } ?? ""), expires \(created.record.expires.map { ISO8601DateFormatter().string(from: $0) } ?? "never").")
        print(created.secret)
    }
}

struct RevokeAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke-api-key", abstract: "Revoke an API key: it stops working at once.")

    @Option(help: "The user who created the key.") var user: String
    @Option(help: "The key's name, or its number from list-api-keys.") var name: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let key = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.accounts.revokeAPIKey(userName: user, keyName: name, by: me)
        }
        print("Revoked API key '\(key.name)' of '\(user)'.")
    }
}

struct RegenerateAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate-api-key", abstract: "Give a key a new secret (same scopes); the new secret is the last line printed."
    )

    @Option(help: "The user who created the key.") var user: String
    @Option(help: "The key's name, or its number from list-api-keys.") var name: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let regenerated = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.accounts.regenerateAPIKey(userName: user, keyName: name, by: me)
        }
        print("Regenerated API key '\(regenerated.record.name)' of '\(user)'; the old secret no longer works.")
        print(regenerated.secret)
    }
}

struct ListAPIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-api-keys", abstract: "List a user's API keys (never the secrets), tab-separated."
    )

    @Option(help: "The user.") var user: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let rows = try await withAdminGallery(dataOptions) { gallery, me in
            var rows: [[String]] = []
            let now = gallery.clock.now()
            for key in try await gallery.accounts.apiKeys(userName: user, by: me) {
                let owner = try await gallery.store.user(key: key.ownerKey)?.name ?? "?"
                let state = key.revoked ? "revoked" : (key.expires.map { $0 <= now } ?? false) ? "expired" : "active"
                rows.append([
                    String(key.key), key.name, owner, key.scopes.map(\.rawValue).joined(separator: ","),
                    (key.globs + key.packageIDs).joined(separator: ",").nonEmpty ?? "*",
                    key.expires.map { ISO8601DateFormatter().string(from: $0) } ?? "never", state,
                ])
            }
            return rows
        }
        print(["number", "name", "owner", "scopes", "packages", "expires", "state"].joined(separator: "\t"))
        for row in rows { print(row.joined(separator: "\t")) }
    }
}

struct RemindExpiringKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind-expiring-keys", abstract: "Mail the users of keys expiring within 7 days (what `serve` does daily)."
    )

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let sent = try await withAdministration(dataOptions) { _, admin, me in try await admin.remindExpiringKeys() }
        print("Sent \(sent) reminder(s).")
    }
}

extension String {
    /// nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
