public import Foundation
public import Gallery
public import HTTPPlumbing
public import HummingbirdTesting
public import Logging
public import PalletApp

/// What a test gets besides the client: the data folder, the gallery and two publishers' keys.
public struct TestEnvironment: Sendable {
    /// The public base URL every document must use (never the listening address).
    public static let baseURL = "http://pallet.test"

    public let dataDirectory: URL
    public let gallery: PackageGallery
    /// Key of `alice` (push, push-versions, unlist): the default publisher.
    public let apiKey: String
    /// Key of `bob`, another user with the same scopes: not an owner of alice's packages.
    public let otherAPIKey: String

    public init(dataDirectory: URL, gallery: PackageGallery, apiKey: String, otherAPIKey: String) {
        self.dataDirectory = dataDirectory
        self.gallery = gallery
        self.apiKey = apiKey
        self.otherAPIKey = otherAPIKey
    }

    public var baseURL: String { Self.baseURL }

    /// Every package blob the store holds (`packages/…` keys), on whichever backend the suite runs.
    public func packageBlobFiles() async throws -> [String] {
        try await gallery.blobs.list(prefix: "packages/")
    }
}

/// How a test server is built: every knob a test may turn, with the defaults every other test uses.
public struct TestServerOptions: Sendable {
    public var setup: TestingSetup = .router
    public var maxPackageSizeMB = 250
    /// A data folder to reuse (a restart test runs two servers on one folder); a fresh one when nil.
    public var dataDirectory: URL?
    /// Replaces the default logger (errors only), for tests that read what the server logs.
    public var logger: Logger?
    public var backend: TestBackend = .current
    /// Records how much of each request body the server had read when it answered.
    public var bodyMeter: RequestBodyMeter?
    /// Replaces the system clock (a `TestClock` the test moves instead of waiting).
    public var clock: any GalleryClock = SystemClock()
    /// Adjusts the configuration last.
    public var configure: @Sendable (inout ServerConfig) -> Void = { _ in }

    public init() {}
}

/// The one test-server harness: builds the real application (the same wiring as `pallet serve`) on the test
/// backend with the fixed base URL and port 0, creates the publishers `alice` and `bob` with keys, runs `body`
/// with a HummingbirdTesting client, and closes the stores and removes the data folder in every case.
public func withTestApplication(
    _ options: TestServerOptions, _ body: @escaping @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void
) async throws {
    if let dataDirectory = options.dataDirectory {
        try await runTestApplication(options, dataDirectory: dataDirectory, body)
    } else {
        try await withTemporaryDataDirectory(backend: options.backend) { directory in
            try await runTestApplication(options, dataDirectory: directory, body)
        }
    }
}

private func runTestApplication(
    _ options: TestServerOptions, dataDirectory: URL,
    _ body: @escaping @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void
) async throws {
    var config = try await testConfig(dataDirectory: dataDirectory, maxPackageSizeMB: options.maxPackageSizeMB, backend: options.backend)
    options.configure(&config)
    var logger = Logger(label: "pallet.test")
    logger.logLevel = .error
    if let custom = options.logger { logger = custom }
    let (app, gallery) = try await PalletServer.makeApplication(
        config: config, logger: logger, bodyMeter: options.bodyMeter, clock: options.clock)
    // The store must be closed before it is released (SQLiteNIO asserts it), also when the test throws.
    do {
        let environment = TestEnvironment(
            dataDirectory: dataDirectory, gallery: gallery,
            apiKey: try await publisherKey(gallery, user: "alice"),
            otherAPIKey: try await publisherKey(gallery, user: "bob")
        )
        try await app.test(options.setup) { client in try await body(client, environment) }
    } catch {
        await gallery.shutdown()
        throw error
    }
    await gallery.shutdown()
}

/// A fresh, empty data folder that is removed when `body` returns (also on failure), with what `backend`
/// made for it (its database).
public func withTemporaryDataDirectory<T>(backend: TestBackend = .current, _ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // On PostgreSQL each installation holds connections: bound how many run at once.
    let limit = backend.concurrencyLimit
    await limit?.acquire()
    do {
        let result = try await body(directory)
        await backend.cleanUp(dataDirectory: directory)
        await limit?.release()
        return result
    } catch {
        await backend.cleanUp(dataDirectory: directory)
        await limit?.release()
        throw error
    }
}

/// The configuration every test server uses: port 0, the fixed base URL, and the stores of the test
/// backend (`TestBackend`: SQLite + blob folder, or PostgreSQL + S3 with a database and bucket per data folder).
public func testConfig(dataDirectory: URL, maxPackageSizeMB: Int = 250, backend: TestBackend = .current) async throws -> ServerConfig {
    var config = ServerConfig()
    config.dataDirectory = dataDirectory.path
    config.host = "127.0.0.1"
    config.port = 0
    config.baseURL = TestEnvironment.baseURL
    config.maxPackageSizeMB = maxPackageSizeMB
    // bcrypt's smallest cost: a debug build hashes at cost 12 in seconds.
    config.passwordHashCost = 4
    try await backend.apply(to: &config, dataDirectory: dataDirectory)
    return config
}

/// A new push+unlist key for `user`, creating the user on first use (a restarted server keeps users).
public func publisherKey(_ gallery: PackageGallery, user: String) async throws -> String {
    if try await gallery.store.user(named: user) == nil {
        _ = try await gallery.accounts.createUser(name: user, email: "\(user)@pallet.test", by: .adminCLI())
    }
    let key = try await gallery.accounts.createAPIKey(
        userName: user, name: "e2e-\(UUID().uuidString.prefix(8))", scopes: [.push, .pushVersions, .unlist], expiresInDays: 30,
        by: .adminCLI()
    )
    return key.secret
}
