import ArgumentParser
import Foundation
import Gallery
import Logging
import PalletApp

/// `pallet mirror --from URL --owner NAME`: copies another NuGet feed's packages (byte-identical, with their
/// listed/unlisted state) by following its catalog from a stored cursor; run it again to pick up what is new,
/// or after an interruption to resume.
struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror", abstract: "Copy another feed's packages by following its catalog (resumable)."
    )

    @Option(help: "The feed's V3 service index (…/v3/index.json); it must offer Catalog/3.0.0.") var from: String
    @Option(help: "User or organization that owns the ids the mirror creates.") var owner: String
    @Option(help: "Copy only ids matching this glob ('Contoso.*'); repeat for more. Default: every id.") var ids: [String] = []
    @Flag(help: "Keep following the catalog (every --interval seconds) until interrupted.") var follow = false
    @Option(help: "Seconds between catalog reads with --follow. Default 60.") var interval: Int = 60
    @Option(help: "Packages at once. Default 4.") var parallel: Int = 4
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard parallel > 0 else { throw ValidationError("--parallel must be at least 1.") }
        guard interval > 0 else { throw ValidationError("--interval must be at least 1 second.") }
        for glob in ids where glob.isEmpty || glob.contains(where: { $0.isWhitespace }) {
            throw ValidationError("'\(glob)' is not an id glob (letters, digits, '.', '-', '_' and '*').")
        }
    }

    func run() async throws {
        let config = try await ServerConfig.load(commandLine: dataOptions.commandLine)
        var logger = Logger(label: "pallet-mirror")
        logger.logLevel = .warning
        let gallery = try await PalletServer.openGallery(config: config, logger: logger, baseURLFromStore: true)
        var failed = false
        do {
            let actingAs = dataOptions.actingAs ?? ProcessInfo.processInfo.environment["PALLET_ADMIN_AS"]
            let principal = try await PackageImporter.principal(gallery: gallery, actingAs: actingAs, ownerName: owner)
            let mirror = CatalogMirror(
                source: from, gallery: gallery, principal: principal, dataDirectory: URL(fileURLWithPath: config.dataDirectory),
                ids: ids)
            repeat {
                print("Mirroring \(from)\(ids.isEmpty ? "" : " (\(ids.joined(separator: ", ")))") since \(mirror.cursor().map { "\($0)" } ?? "the beginning").")
                let started = Date()
                do {
                    let results = try await mirror.run(parallelism: parallel, progress: BulkProgress(total: 0))
                    let summary = BulkSummary(results, seconds: Date().timeIntervalSince(started))
                    print(summary.description)
                    failed = summary.failed > 0
                } catch {
                    // Following: an upstream that is down now is read again at the next interval.
                    guard follow else { throw error }
                    print("error: \(error)")
                }
                if follow { try await Task.sleep(for: .seconds(interval)) }
            } while follow
            await gallery.shutdown()
        } catch {
            await gallery.shutdown()
            throw error
        }
        if failed { throw ExitCode.failure }
    }
}
