import ArgumentParser
import Foundation
import Gallery
import Logging
import NuGetCore
import PalletApp

/// `pallet admin …`: accounts, organizations, owners, prefix reservations, API keys, deletions and the
/// audit log. Works while the server runs on the same data folder. Whoever runs it holds the database, so it
/// acts with the site-admin role: as the operator (`admin-cli` in the audit log), or as the site admin named
/// with `--as NAME` (`NAME (admin-cli)`).
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administer accounts, organizations, owners, prefixes, API keys and deletions.",
        subcommands: [
            CreateUserCommand.self, CreateOrgCommand.self, AddMemberCommand.self, RemoveMemberCommand.self,
            TransformToOrgCommand.self, DeleteUserCommand.self,
            AddOwnerCommand.self, RemoveOwnerCommand.self, ReservePrefixCommand.self, ReleasePrefixCommand.self,
            CreateAPIKeyCommand.self, RevokeAPIKeyCommand.self, RegenerateAPIKeyCommand.self, ListAPIKeysCommand.self,
            DeletePackageCommand.self, DeprecateCommand.self, ImportPackagesCommand.self, LockPackageCommand.self, LockAccountCommand.self,
            ImportAdvisoriesCommand.self, AddAdvisoryCommand.self, RemoveAdvisoryCommand.self,
            AddPublishingPolicyCommand.self, ListPublishingPoliciesCommand.self, RemovePublishingPolicyCommand.self, AuditCommand.self, UpstreamAdminCommand.self, RemindExpiringKeysCommand.self, MigrateCommand.self,
        ]
    )
}

/// Runs `body` on the gallery of the data folder (no server), closing the store afterwards in every case.
func withAdminGallery<T>(_ options: DataOptions, _ body: (PackageGallery, Principal) async throws -> T) async throws -> T {
    try await withAdministration(options) { gallery, _, principal in try await body(gallery, principal) }
}

/// Like `withAdminGallery`, with the administrative services and the configured mailer.
func withAdministration<T>(
    _ options: DataOptions, _ body: (PackageGallery, GalleryAdministration, Principal) async throws -> T
) async throws -> T {
    let config = try await ServerConfig.load(commandLine: options.commandLine)
    var logger = Logger(label: "pallet-admin")
    logger.logLevel = .warning
    let gallery = try await PalletServer.openGallery(config: config, logger: logger, baseURLFromStore: true)
    do {
        // Changes are left marked dirty: the running server (or the next `serve`) re-renders them and
        // updates its in-memory search index and caches, which this process cannot reach.
        let mailer = PalletServer.makeMailer(config: config, logger: logger)
        let actingAs = options.actingAs ?? ProcessInfo.processInfo.environment["PALLET_ADMIN_AS"]
        let principal = try await gallery.authorizer.adminCLI(actingAs: actingAs)
        let result = try await body(gallery, gallery.administration(mailer: mailer, rendersChanges: false), principal)
        await gallery.shutdown()
        return result
    } catch {
        await gallery.shutdown()
        throw error
    }
}

/// A package id from the command line, or a usage error naming what is wrong with it.
func packageID(_ text: String) throws -> PackageID {
    do {
        return try PackageID(validating: text)
    } catch {
        throw ValidationError("'\(text)' is not a valid package ID: \(error)")
    }
}

/// A NuGet version from the command line, or a usage error.
func nuGetVersion(_ text: String) throws -> NuGetVersion {
    do {
        return try NuGetVersion(parsing: text)
    } catch {
        throw ValidationError("'\(text)' is not a valid NuGet version: \(error)")
    }
}

/// The `.nupkg` files `paths` name (files, folders, globs) for the bulk commands, or a usage error.
func packageFiles(_ paths: [String], parallel: Int) throws -> [URL] {
    guard parallel > 0 else { throw ValidationError("--parallel must be at least 1.") }
    do {
        return try PackageFiles.expand(paths)
    } catch {
        throw ValidationError("\(error)")
    }
}
