import ArgumentParser
import Foundation
import Gallery
import Logging
import PalletApp

/// `pallet admin import DIR --owner NAME`: server-side import of a folder of `.nupkg` files (a NuGet.Server,
/// BaGetter or Sleet store, a build's output) through the publish pipeline, without HTTP. Works while the
/// server runs on the same data folder (its change follower picks the new versions up).
struct ImportPackagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a folder of .nupkg files (searched recursively) through the publish pipeline."
    )

    @Argument(help: "Folders, files or glob patterns.") var paths: [String]
    @Option(help: "User or organization that owns the ids the import creates.") var owner: String
    @Flag(name: .customLong("skip-duplicate"), help: "A different package with a version number already used is skipped, not a failure (identical ones always are).")
    var skipDuplicate = false
    @Option(help: "Packages at once. Default 4.") var parallel: Int = 4
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let files = try packageFiles(paths, parallel: parallel)
        let config = try await ServerConfig.load(commandLine: dataOptions.commandLine)
        var logger = Logger(label: "pallet-admin")
        logger.logLevel = .warning
        let gallery = try await PalletServer.openGallery(config: config, logger: logger, baseURLFromStore: true)
        let summary: BulkSummary
        do {
            let actingAs = dataOptions.actingAs ?? ProcessInfo.processInfo.environment["PALLET_ADMIN_AS"]
            let principal = try await PackageImporter.principal(gallery: gallery, actingAs: actingAs, ownerName: owner)
            let importer = PackageImporter(
                gallery: gallery, principal: principal, stagingDirectory: URL(fileURLWithPath: config.dataDirectory))
            print("Importing \(files.count) package\(files.count == 1 ? "" : "s") for '\(owner)' (\(parallel) at once).")
            let started = Date()
            let results = await importer.importAll(
                files, parallelism: parallel, skipDuplicate: skipDuplicate, progress: BulkProgress(total: files.count))
            summary = BulkSummary(results, seconds: Date().timeIntervalSince(started))
            for result in results {
                if case .failed(let message) = result.outcome { print("failed: \(result.file.path): \(message)") }
            }
            await gallery.shutdown()
        } catch {
            await gallery.shutdown()
            throw error
        }
        print(summary.description)
        if summary.failed > 0 { throw ExitCode.failure }
    }
}
