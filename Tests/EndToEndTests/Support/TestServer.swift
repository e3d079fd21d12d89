import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport

/// The end-to-end tests' entry to the one harness (`withTestApplication` in PalletTestSupport), with a
/// `FeedClient` that speaks the NuGet protocol. A fresh temp data folder is used unless one is given (a
/// restart test runs two servers on one folder); `configure` adjusts the configuration last.
func withTestServer(
    _ setup: TestingSetup = .router, maxPackageSizeMB: Int = 250, dataDirectory: URL? = nil, logger: Logger? = nil,
    backend: TestBackend = .current, bodyMeter: RequestBodyMeter? = nil, clock: any GalleryClock = SystemClock(),
    configure: @escaping @Sendable (inout ServerConfig) -> Void = { _ in },
    _ body: @escaping @Sendable (FeedClient, TestEnvironment) async throws -> Void
) async throws {
    var options = TestServerOptions()
    options.setup = setup
    options.maxPackageSizeMB = maxPackageSizeMB
    options.dataDirectory = dataDirectory
    options.logger = logger
    options.backend = backend
    options.bodyMeter = bodyMeter
    options.clock = clock
    options.configure = configure
    try await withTestApplication(options) { client, environment in
        try await body(FeedClient(client: client, baseURL: TestEnvironment.baseURL), environment)
    }
}
