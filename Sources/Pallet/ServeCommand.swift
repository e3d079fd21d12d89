import ArgumentParser
import Foundation
import Gallery
import Hummingbird
import Logging
import PalletApp

/// `pallet serve`: the feed on the embedded default (SQLite + blob folder), or one node of several on
/// PostgreSQL + S3 (`--database`, `--storage`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the NuGet server.")

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Address to listen on. Env PALLET_HOST. Default 127.0.0.1.") var host: String?
    @Option(help: "Port to listen on (0 = any free port). Env PALLET_PORT. Default 5555.") var port: Int?
    @Option(name: .customLong("base-url"), help: "Public base URL written into documents. Env PALLET_BASE_URL.") var baseURL: String?
    @Option(name: .customLong("max-package-size-mb"), help: "Largest accepted upload. Env PALLET_MAX_PACKAGE_SIZE_MB. Default 250.")
    var maxPackageSizeMB: Int?
    @Option(name: .customLong("accel-redirect-prefix"), help: "Answer downloads with X-Accel-Redirect to this nginx location.")
    var accelRedirectPrefix: String?
    @Flag(name: .customLong("download-redirect"), help: "With S3 storage: answer downloads with a presigned URL (302). Env PALLET_DOWNLOAD_REDIRECT.")
    var downloadRedirect = false
    @Option(name: .customLong("pending-push-timeout"), help: "Seconds before an unfinished push counts as interrupted (shared database). Default 1800.")
    var pendingPushTimeout: Int?
    @Option(name: .customLong("upstream"), help: "Upstream NuGet feed for ids this server does not hold (service index URL or another Pallet's URL); repeat for more, asked in order. Env PALLET_UPSTREAMS (comma-separated).")
    var upstreams: [String] = []
    @Flag(name: .customLong("upstream-in-search"), help: "Registration and search include upstream packages unless a request says includeUpstream=false. Env PALLET_UPSTREAMINSEARCH.")
    var upstreamInSearch = false
    @Option(name: .customLong("max-in-flight"), help: "Requests handled at once; more wait in a queue, beyond it 503 + Retry-After (0 = no limit). Env PALLET_MAX_IN_FLIGHT. Default 128.")
    var maxInFlight: Int?
    @Option(name: .customLong("max-queued"), help: "Requests that may wait for a slot. Env PALLET_MAX_QUEUED. Default 256.")
    var maxQueued: Int?
    @Option(name: .customLong("metrics-address"), help: "HOST:PORT of a separate listener serving GET /metrics (Prometheus). Env PALLET_METRICS_ADDRESS. Off by default.")
    var metricsAddress: String?
    @Option(name: .customLong("log-format"), help: "text or json (one JSON object per line). Env PALLET_LOG_FORMAT. Default text.")
    var logFormat: String?

    func run() async throws {
        var flags = dataOptions.commandLine
        flags[ServerConfig.Key.host] = host
        flags[ServerConfig.Key.port] = port.map(String.init)
        flags[ServerConfig.Key.baseURL] = baseURL
        flags[ServerConfig.Key.maxPackageSizeMB] = maxPackageSizeMB.map(String.init)
        flags[ServerConfig.Key.accelRedirectPrefix] = accelRedirectPrefix
        if downloadRedirect { flags[ServerConfig.Key.downloadRedirect] = "true" }
        flags[ServerConfig.Key.pendingPushTimeout] = pendingPushTimeout.map(String.init)
        if !upstreams.isEmpty { flags[ServerConfig.Key.upstreams] = upstreams.joined(separator: ",") }
        if upstreamInSearch { flags[ServerConfig.Key.upstreamInSearch] = "true" }
        flags[ServerConfig.Key.maxInFlight] = maxInFlight.map(String.init)
        flags[ServerConfig.Key.maxQueued] = maxQueued.map(String.init)
        flags[ServerConfig.Key.metricsAddress] = metricsAddress
        flags[ServerConfig.Key.logFormat] = logFormat
        let config = try await ServerConfig.load(commandLine: flags)
        if config.logFormat == .json {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
        var logger = Logger(label: "pallet")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let mailSummary = PalletServer.makeMailer(config: config, logger: logger).summary
        // With --log-format json every line on standard output is a JSON object, the greeting too.
        let json = config.logFormat == .json
        let announce: @Sendable (String) -> Void = { [logger] line in if json { logger.info("\(line)") } else { print(line) } }
        let (app, gallery) = try await PalletServer.makeApplication(config: config, logger: logger) { port in
            let feed = config.baseURL.map { "\($0)/v3/index.json" } ?? "http://\(config.host):\(port)/v3/index.json"
            announce("Pallet \(PalletVersion.current) is serving the NuGet feed at \(feed)")
            announce("Mail: \(mailSummary).")
            if let metrics = config.metricsAddress { announce("Metrics: http://\(metrics.host):\(metrics.port)/metrics") }
            // The providers (never their secrets) and the redirect URI to register at each of them.
            if !config.openID.providers.isEmpty {
                let base = config.effectiveBaseURL(boundPort: port)
                let names = config.openID.providers.map { "\($0.name) (\($0.issuer))" }.joined(separator: ", ")
                announce("Sign in with: \(names); redirect URI \(base)/users/account/oidc/callback; password sign-in \(config.openID.passwordSignIn ? "on" : "off").")
            }
            announce("Data folder: \(config.dataDirectory). Get an API key with: pallet admin create-user NAME --email E && pallet admin create-api-key --user NAME")
        }
        do {
            try await app.runService()
        } catch {
            await gallery.shutdown()
            throw error
        }
        await gallery.shutdown()
    }
}
