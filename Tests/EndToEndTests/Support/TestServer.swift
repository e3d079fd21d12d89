import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport

/// What a test gets besides the client: the data folder, the gallery and two publishers' keys.
struct TestEnvironment: Sendable {
    /// The public base URL every document must use (never the listening address).
    static let baseURL = "http://pallet.test"

    let dataDirectory: URL
    let gallery: PackageGallery
    /// Key of `alice` (push, push-versions, unlist): the default publisher.
    let apiKey: String
    /// Key of `bob`, another user with the same scopes: not an owner of alice's packages.
    let otherAPIKey: String

    var baseURL: String { Self.baseURL }

    /// Every package blob the store holds (`packages/…` keys), on whichever backend the suite runs.
    func packageBlobFiles() async throws -> [String] {
        try await gallery.blobs.list(prefix: "packages/")
    }
}

/// A fresh, empty data folder that is removed when `body` returns (also on failure), with what `backend`
/// made for it (its database).
func withTemporaryDataDirectory<T>(backend: TestBackend = .current, _ body: (URL) async throws -> T) async throws -> T {
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

/// Builds the real application (SQLite + filesystem blobs, the same wiring as `pallet serve`),
/// with `baseURL` fixed and port 0, creates the publishers and their keys, and runs `body`
/// against it with HummingbirdTesting. A fresh temp data folder is used unless one is given
/// (a restart test runs two servers on one folder).
/// A `logger` replaces the default (errors only), for tests that read what the server logs.
/// `configure` adjusts the configuration last (a short pending-push timeout for a crash test).
/// A `bodyMeter` records how much of each request body the server had read when it answered.
/// A `clock` replaces the system clock (a `TestClock` the test moves instead of waiting).
func withTestServer(
    _ setup: TestingSetup = .router, maxPackageSizeMB: Int = 250, dataDirectory: URL? = nil, logger: Logger? = nil,
    backend: TestBackend = .current, bodyMeter: RequestBodyMeter? = nil, clock: any GalleryClock = SystemClock(),
    configure: @Sendable (inout ServerConfig) -> Void = { _ in },
    _ body: @escaping @Sendable (FeedClient, TestEnvironment) async throws -> Void
) async throws {
    if let dataDirectory {
        try await runTestServer(
            setup, maxPackageSizeMB: maxPackageSizeMB, dataDirectory: dataDirectory, logger: logger, backend: backend,
            bodyMeter: bodyMeter, clock: clock, configure: configure, body)
    } else {
        try await withTemporaryDataDirectory(backend: backend) { directory in
            try await runTestServer(
                setup, maxPackageSizeMB: maxPackageSizeMB, dataDirectory: directory, logger: logger, backend: backend,
                bodyMeter: bodyMeter, clock: clock, configure: configure, body)
        }
    }
}

private func runTestServer(
    _ setup: TestingSetup, maxPackageSizeMB: Int, dataDirectory: URL, logger custom: Logger?, backend: TestBackend,
    bodyMeter: RequestBodyMeter?, clock: any GalleryClock, configure: @Sendable (inout ServerConfig) -> Void,
    _ body: @escaping @Sendable (FeedClient, TestEnvironment) async throws -> Void
) async throws {
    var config = try await testConfig(dataDirectory: dataDirectory, maxPackageSizeMB: maxPackageSizeMB, backend: backend)
    configure(&config)
    var logger = Logger(label: "pallet.e2e")
    logger.logLevel = .error
    if let custom { logger = custom }
    let (app, gallery) = try await PalletServer.makeApplication(config: config, logger: logger, bodyMeter: bodyMeter, clock: clock)
    // The store must be closed before it is released (SQLiteNIO asserts it), also when the test throws.
    do {
        let environment = TestEnvironment(
            dataDirectory: dataDirectory, gallery: gallery,
            apiKey: try await publisherKey(gallery, user: "alice"),
            otherAPIKey: try await publisherKey(gallery, user: "bob")
        )
        try await app.test(setup) { client in
            try await body(FeedClient(client: client, baseURL: TestEnvironment.baseURL), environment)
        }
    } catch {
        await gallery.shutdown()
        throw error
    }
    await gallery.shutdown()
}

/// The configuration every test server uses: port 0, the fixed base URL, and the stores of the test
/// backend (`TestBackend`: SQLite + blob folder, or PostgreSQL + S3 with a database and bucket per data folder).
func testConfig(dataDirectory: URL, maxPackageSizeMB: Int = 250, backend: TestBackend = .current) async throws -> ServerConfig {
    var config = ServerConfig()
    config.dataDirectory = dataDirectory.path
    config.host = "127.0.0.1"
    config.port = 0
    config.baseURL = TestEnvironment.baseURL
    config.maxPackageSizeMB = maxPackageSizeMB
    try await backend.apply(to: &config, dataDirectory: dataDirectory)
    return config
}

/// A new push+unlist key for `user`, creating the user on first use (a restarted server keeps users).
func publisherKey(_ gallery: PackageGallery, user: String) async throws -> String {
    if try await gallery.store.user(named: user) == nil {
        _ = try await gallery.accounts.createUser(name: user, email: "\(user)@pallet.test", by: .adminCLI())
    }
    let key = try await gallery.accounts.createAPIKey(
        userName: user, name: "e2e-\(UUID().uuidString.prefix(8))", scopes: [.push, .pushVersions, .unlist], expiresInDays: 30, by: .adminCLI()
    )
    return key.secret
}
