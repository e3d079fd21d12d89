import ArgumentParser
import Foundation
import Gallery
import Logging
import PalletApp

/// `pallet admin …`: accounts, organizations, owners, prefix reservations, API keys, deletions and the
/// audit log. Works while the server runs on the same data folder; acts as a site admin (`admin-cli` in the audit log).
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administer accounts, organizations, owners, prefixes, API keys and deletions.",
        subcommands: [
            CreateUserCommand.self, CreateOrgCommand.self, AddMemberCommand.self, RemoveMemberCommand.self,
            TransformToOrgCommand.self, DeleteUserCommand.self,
            AddOwnerCommand.self, RemoveOwnerCommand.self, ReservePrefixCommand.self, ReleasePrefixCommand.self,
            CreateAPIKeyCommand.self, RevokeAPIKeyCommand.self, RegenerateAPIKeyCommand.self, ListAPIKeysCommand.self,
            DeletePackageCommand.self, AuditCommand.self, RemindExpiringKeysCommand.self, MigrateCommand.self,
        ]
    )
}

/// Runs `body` on the gallery of the data folder (no server), closing the store afterwards in every case.
func withAdminGallery<T>(_ options: DataOptions, _ body: (PackageGallery) async throws -> T) async throws -> T {
    try await withAdministration(options) { gallery, _ in try await body(gallery) }
}

/// Like `withAdminGallery`, with the administrative services and the configured mailer.
func withAdministration<T>(_ options: DataOptions, _ body: (PackageGallery, GalleryAdministration) async throws -> T) async throws -> T {
    let config = try await ServerConfig.load(commandLine: options.commandLine)
    var logger = Logger(label: "pallet-admin")
    logger.logLevel = .warning
    let gallery = try await PalletServer.openGallery(config: config, logger: logger)
    do {
        // Changes are left marked dirty: the running server (or the next `serve`) re-renders them and
        // updates its in-memory search index and caches, which this process cannot reach.
        let mailer = PalletServer.makeMailer(config: config, logger: logger)
        let result = try await body(gallery, gallery.administration(mailer: mailer, rendersChanges: false))
        await gallery.shutdown()
        return result
    } catch {
        await gallery.shutdown()
        throw error
    }
}
