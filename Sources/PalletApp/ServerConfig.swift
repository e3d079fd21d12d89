public import Foundation
import Configuration
import SystemPackage

/// Settings of `pallet serve` and the admin commands, read once at start.
///
/// Precedence: command line, then environment (`PALLET_PORT`, ...), then the JSON config file
/// (`{"pallet": {"port": 5555}}`), then the defaults. docs/CONFIGURATION.md lists every key.
public struct ServerConfig: Sendable, Equatable {
    /// Folder holding the SQLite database, the blob folder and upload temp files.
    public var dataDirectory: String = "./pallet-data"
    public var host: String = "127.0.0.1"
    public var port: Int = 5555
    /// Public base URL written into every document; default `http://{host}:{port}`.
    public var baseURL: String?
    public var maxPackageSizeMB: Int = 250
    /// bcrypt's cost for web passwords (`pallet.passwordHashCost`, 4–31; 12 by default, about 0.3 s a hash).
    public var passwordHashCost: Int = 12
    /// nginx internal location for `X-Accel-Redirect` downloads (off when nil).
    public var accelRedirectPrefix: String?
    /// SMTP settings for notifications (`pallet.mail.*`).
    public var mail = MailSettings()
    /// The `/policies/*` texts (`pallet.policies.*File`).
    public var policies = PolicySettings()
    /// `postgres://USER:PASS@HOST:PORT/DB`; nil = the SQLite file in the data folder.
    public var database: String?
    /// Most connections this node opens to PostgreSQL (split between its event loops).
    public var databaseConnections = 8
    /// `s3://BUCKET[/PREFIX]?endpoint=…&region=…[&path-style=true]`; nil = the data folder's blob folder.
    public var storage: String?
    /// Answer nupkg downloads from S3 with a short-lived presigned URL (302) instead of proxying the bytes.
    public var downloadRedirect = false
    /// Seconds after which a push that claimed a version but never finished counts as interrupted and is
    /// removed with its blobs. Only used with a shared database: a single node removes them at start.
    public var pendingPushTimeoutSeconds = 1800
    /// Seconds a push's claim of its id+version lasts unless renewed; a push renews it every third of this while
    /// it stores blobs, and a push of the same version after it lapsed takes the claim over instead of answering 409.
    public var claimLeaseSeconds = 120
    /// Upstream NuGet feeds (service index URLs, or another Pallet's base URL), asked in order for ids this
    /// feed does not hold (`--upstream`, repeatable; `pallet.upstreams`, a list or comma-separated).
    public var upstreams: [String] = []
    /// Seconds an upstream version list is reused before it is asked again (stale ones are served while
    /// every upstream is down).
    public var upstreamCacheSeconds = 600
    /// Seconds "no upstream has this id" is remembered.
    public var upstreamNegativeCacheSeconds = 60
    /// Seconds one upstream request may take.
    public var upstreamTimeoutSeconds = 10
    /// Whether registration and search include upstream packages without being asked (`includeUpstream=true`);
    /// a request can still say `includeUpstream=false`.
    public var upstreamInSearch = false
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (`pallet.trustedProxies`, a list or
    /// comma-separated; exact IP addresses). Empty: the socket's peer is the client.
    public var trustedProxies: [String] = []
    /// Requests handled at once (`pallet.maxInFlight`); 0 = no limit. Beyond it and `maxQueued` waiting,
    /// requests are answered 503 with `Retry-After` at once instead of all slowing down.
    public var maxInFlight = 128
    /// Requests that may wait for a slot (`pallet.maxQueued`).
    public var maxQueued = 256
    /// Answer GET/HEAD of in-memory V3 documents, their remembered 404s and data-folder `.nupkg` downloads on the
    /// event loop (`FastPath`), with the same bytes as the router (`pallet.fastPath`, default true; false
    /// sends every request through the router, e.g. to compare).
    public var fastPath = true
    /// `HOST:PORT` of a second listener serving `GET /metrics` (Prometheus); off when nil (`pallet.metricsAddress`).
    public var metricsAddress: (host: String, port: Int)? {
        get { metricsHost.map { ($0, metricsPort) } }
        set { metricsHost = newValue?.host; metricsPort = newValue?.port ?? 0 }
    }
    var metricsHost: String?
    var metricsPort = 0
    /// `text` (swift-log's default lines) or `json` (one object per line) for `pallet serve`'s log.
    public var logFormat = LogFormat.text

    /// How `pallet serve` writes its log.
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        case text, json
    }
    /// OpenID Connect providers and whether passwords sign in (`pallet.oidc.*`, `pallet.passwordSignIn`).
    public var openID = OpenIDSettings()

    /// Whether several nodes may share this installation's stores (a database server, not a local file).
    public var isShared: Bool { database != nil }

    /// The defaults.
    public init() {}

    /// The configuration keys, as written in a config file (dotted) — environment names derive from them.
    public enum Key {
        public static let configFile = "pallet.config"
        public static let data = "pallet.data"
        public static let host = "pallet.host"
        public static let port = "pallet.port"
        public static let baseURL = "pallet.baseUrl"
        public static let maxPackageSizeMB = "pallet.maxPackageSizeMb"
        public static let passwordHashCost = "pallet.passwordHashCost"
        public static let accelRedirectPrefix = "pallet.accelRedirectPrefix"
        public static let database = "pallet.database"
        public static let storage = "pallet.storage"
        public static let databaseConnections = "pallet.databaseConnections"
        public static let downloadRedirect = "pallet.downloadRedirect"
        public static let pendingPushTimeout = "pallet.pendingPushTimeout"
        public static let claimLease = "pallet.claimLease"
        public static let upstreams = "pallet.upstreams"
        public static let upstreamCache = "pallet.upstreamCacheSeconds"
        public static let upstreamNegativeCache = "pallet.upstreamNegativeCacheSeconds"
        public static let upstreamTimeout = "pallet.upstreamTimeoutSeconds"
        public static let upstreamInSearch = "pallet.upstreamInSearch"
        public static let trustedProxies = "pallet.trustedProxies"
        public static let maxInFlight = "pallet.maxInFlight"
        public static let maxQueued = "pallet.maxQueued"
        public static let fastPath = "pallet.fastPath"
        public static let metricsAddress = "pallet.metricsAddress"
        public static let logFormat = "pallet.logFormat"
    }

    /// Reads the configuration; `commandLine` holds the flags the user gave, by key.
    /// Every problem is reported at once in the thrown error.
    public static func load(commandLine: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ServerConfig {
        let cli = InMemoryProvider(name: "command line", values: Dictionary(uniqueKeysWithValues: commandLine.map {
            (AbsoluteConfigKey(stringLiteral: $0.key), ConfigValue(.string($0.value), isSecret: false))
        }))
        let env = EnvironmentVariablesProvider(environmentVariables: environment)
        var providers: [any ConfigProvider] = [cli, env]
        let early = ConfigReader(providers: providers)
        if let file = early.string(forKey: ConfigKey(Key.configFile)) {
            guard FileManager.default.fileExists(atPath: file) else {
                throw ConfigError(problems: ["The config file '\(file)' does not exist."])
            }
            providers.append(try await FileProvider<JSONSnapshot>(filePath: .init(file)))
        }
        return try resolve(ConfigReader(providers: providers))
    }

    static func resolve(_ reader: ConfigReader) throws -> ServerConfig {
        var config = ServerConfig()
        var problems: [String] = []
        func text(_ key: String) -> String? { reader.string(forKey: ConfigKey(key)) ?? reader.int(forKey: ConfigKey(key)).map(String.init) }
        func number(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let raw = text(key) else { return nil }
            guard let value = Int(raw), range.contains(value) else {
                problems.append("'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(raw)'.")
                return nil
            }
            return value
        }
        if let data = text(Key.data) { config.dataDirectory = data }
        if let host = text(Key.host) { config.host = host }
        if let port = number(Key.port, 0...65535) { config.port = port }
        if let size = number(Key.maxPackageSizeMB, 1...102_400) { config.maxPackageSizeMB = size }
        if let cost = number(Key.passwordHashCost, 4...31) { config.passwordHashCost = cost }
        if let base = text(Key.baseURL) {
            if let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil {
                config.baseURL = base
            } else {
                problems.append("'\(Key.baseURL)' must be an absolute http(s) URL, not '\(base)'.")
            }
        }
        config.accelRedirectPrefix = text(Key.accelRedirectPrefix)
        if let database = reader.string(forKey: ConfigKey(Key.database), isSecret: true), !database.isEmpty {
            let scheme = database.split(separator: ":", maxSplits: 1).first?.lowercased() ?? ""
            if ["postgres", "postgresql"].contains(scheme) {
                config.database = database
            } else {
                // Never echo the value: it usually holds a password.
                problems.append("'\(Key.database)' must be a postgres:// URL (leave it unset for the embedded SQLite database).")
            }
        }
        if let storage = text(Key.storage), !storage.isEmpty {
            if storage.lowercased().hasPrefix("s3://") {
                config.storage = storage
            } else {
                problems.append("'\(Key.storage)' must be an s3:// URL (leave it unset for the data folder), not '\(storage)'.")
            }
        }
        if let redirect = text(Key.downloadRedirect) {
            switch redirect.lowercased() {
            case "true", "1", "yes": config.downloadRedirect = true
            case "false", "0", "no": config.downloadRedirect = false
            default: problems.append("'\(Key.downloadRedirect)' must be true or false, not '\(redirect)'.")
            }
        }
        if let connections = number(Key.databaseConnections, 1...1000) { config.databaseConnections = connections }
        if let timeout = number(Key.pendingPushTimeout, 1...86_400) { config.pendingPushTimeoutSeconds = timeout }
        if let lease = number(Key.claimLease, 3...86_400) { config.claimLeaseSeconds = lease }
        let upstreamList = reader.stringArray(forKey: ConfigKey(Key.upstreams))
            ?? text(Key.upstreams).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for upstream in upstreamList where !upstream.isEmpty {
            if let url = URL(string: upstream), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil {
                config.upstreams.append(upstream)
            } else {
                problems.append("'\(Key.upstreams)' must hold absolute http(s) URLs, not '\(upstream)'.")
            }
        }
        if let seconds = number(Key.upstreamCache, 0...604_800) { config.upstreamCacheSeconds = seconds }
        if let seconds = number(Key.upstreamNegativeCache, 0...86_400) { config.upstreamNegativeCacheSeconds = seconds }
        if let seconds = number(Key.upstreamTimeout, 1...600) { config.upstreamTimeoutSeconds = seconds }
        if let include = reader.bool(forKey: ConfigKey(Key.upstreamInSearch)) ?? text(Key.upstreamInSearch).flatMap({ Bool($0.lowercased()) }) {
            config.upstreamInSearch = include
        } else if let raw = text(Key.upstreamInSearch) {
            problems.append("'\(Key.upstreamInSearch)' must be true or false, not '\(raw)'.")
        }
        let proxies = reader.stringArray(forKey: ConfigKey(Key.trustedProxies))
            ?? text(Key.trustedProxies).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for proxy in proxies where !proxy.isEmpty {
            // An IPv4 or IPv6 address as the socket reports it (no names, no ranges).
            if proxy.count <= 45, proxy.contains(where: { $0 == "." || $0 == ":" }), proxy.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) {
                config.trustedProxies.append(proxy)
            } else {
                problems.append("'\(Key.trustedProxies)' must hold IP addresses, not '\(proxy)'.")
            }
        }
        if let limit = number(Key.maxInFlight, 0...100_000) { config.maxInFlight = limit }
        if let queued = number(Key.maxQueued, 0...1_000_000) { config.maxQueued = queued }
        if let fast = reader.bool(forKey: ConfigKey(Key.fastPath)) ?? text(Key.fastPath).flatMap({ Bool($0.lowercased()) }) {
            config.fastPath = fast
        } else if let raw = text(Key.fastPath) {
            problems.append("'\(Key.fastPath)' must be true or false, not '\(raw)'.")
        }
        if let address = text(Key.metricsAddress), !address.isEmpty {
            if let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port),
               colon > address.startIndex {
                config.metricsAddress = (String(address[..<colon]), port)
            } else {
                problems.append("'\(Key.metricsAddress)' must be HOST:PORT (e.g. 127.0.0.1:9464), not '\(address)'.")
            }
        }
        if let format = text(Key.logFormat) {
            if let value = LogFormat(rawValue: format.lowercased()) {
                config.logFormat = value
            } else {
                problems.append("'\(Key.logFormat)' must be text or json, not '\(format)'.")
            }
        }
        config.mail = MailSettings.resolve(reader, problems: &problems)
        config.policies = PolicySettings.resolve(reader, problems: &problems)
        config.openID = OpenIDSettings.resolve(reader, problems: &problems)
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }

    /// The base URL documents use: the configured one, or the listening address (0.0.0.0 is shown as 127.0.0.1).
    public func effectiveBaseURL(boundPort: Int? = nil) -> String {
        if let baseURL { return baseURL }
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://\(shownHost):\(boundPort ?? port)"
    }
}

/// Configuration problems, all of them.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let problems: [String]
    public var description: String { "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}
