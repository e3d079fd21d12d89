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
    @Option(help: "Packages at once. Default 4.") var parallel: Int = 4
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        guard parallel > 0 else { throw ValidationError("--parallel must be at least 1.") }
        let config = try await ServerConfig.load(commandLine: dataOptions.commandLine)
        var logger = Logger(label: "pallet-mirror")
        logger.logLevel = .warning
        let gallery = try await PalletServer.openGallery(config: config, logger: logger, baseURLFromStore: true)
        do {
            let actingAs = dataOptions.actingAs ?? ProcessInfo.processInfo.environment["PALLET_ADMIN_AS"]
            let principal = try await PackageImporter.principal(gallery: gallery, actingAs: actingAs, ownerName: owner)
            let mirror = CatalogMirror(
                source: from, gallery: gallery, principal: principal, dataDirectory: URL(fileURLWithPath: config.dataDirectory))
            print("Mirroring \(from) since \(mirror.cursor().map { "\($0)" } ?? "the beginning").")
            let started = Date()
            let counter = Counter()
            let results = try await mirror.run(parallelism: parallel) { result in
                let done = counter.next()
                print("[\(done)] \(result.file.lastPathComponent): \(result.outcome)")
                fflush(nil)
            }
            print(BulkSummary(results, seconds: Date().timeIntervalSince(started)).description)
            await gallery.shutdown()
        } catch {
            await gallery.shutdown()
            throw error
        }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
