import ArgumentParser
import Foundation
import PalletApp

/// `pallet push PATH... --source URL --api-key KEY`: publishes package files, folders and globs to any NuGet
/// feed (Pallet or another) through its push endpoint, several at once, and exits non-zero when any failed.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Push .nupkg files, folders (searched recursively) or globs to a NuGet feed."
    )

    @Argument(help: "Package files, folders or glob patterns ('out/*.nupkg').") var paths: [String]
    @Option(help: "The feed: its service index (…/v3/index.json), push URL (…/api/v2/package) or base URL. Env PALLET_SOURCE.")
    var source: String?
    @Option(name: .customLong("api-key"), help: "API key with a push scope. Env PALLET_API_KEY.") var apiKey: String?
    @Flag(name: .customLong("skip-duplicate"), help: "A version the feed already has (409) is skipped, not a failure.")
    var skipDuplicate = false
    @Option(help: "Uploads at once. Default 4.") var parallel: Int = 4
    @Option(help: "Seconds to wait for one upload. Default 300.") var timeout: Int = 300

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let source = source ?? environment["PALLET_SOURCE"] else { throw ValidationError("Give the feed with --source URL.") }
        guard let apiKey = apiKey ?? environment["PALLET_API_KEY"] else { throw ValidationError("Give an API key with --api-key KEY.") }
        let files = try packageFiles(paths, parallel: parallel)
        let client = try await PushClient.resolving(source: source, apiKey: apiKey, timeoutSeconds: Int64(timeout))
        print("Pushing \(files.count) package\(files.count == 1 ? "" : "s") to \(client.pushURL) (\(parallel) at once).")
        let started = Date()
        let results = await client.pushAll(
            files, parallelism: parallel, skipDuplicate: skipDuplicate, progress: BulkProgress(total: files.count))
        let summary = BulkSummary(results, seconds: Date().timeIntervalSince(started))
        for result in results {
            if case .failed(let message) = result.outcome { print("failed: \(result.file.path): \(message)") }
        }
        print(summary.description)
        if summary.failed > 0 { throw ExitCode.failure }
    }
}
