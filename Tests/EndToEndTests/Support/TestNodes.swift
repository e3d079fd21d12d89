import Foundation
import PalletTestSupport
import Gallery
import Hummingbird
import HummingbirdTesting
import Logging
import PalletApp
import Synchronization

/// Several nodes on one installation's stores, as several `pallet serve` processes sharing a database and
/// an object store (or, on the embedded backend, one SQLite file and blob folder) would be. Each node is a
/// full application with its own caches, search index and change follower.
func withTestNodes(
    _ count: Int,
    _ body: @escaping @Sendable (_ nodes: [FeedClient], _ galleries: [PackageGallery], _ env: TestEnvironment) async throws -> Void
) async throws {
    try await withTemporaryDataDirectory { directory in
        let config = try await testConfig(dataDirectory: directory)
        var logger = Logger(label: "pallet.nodes")
        logger.logLevel = .error
        let opened = OpenedGalleries()
        do {
            try await startNode(0, of: count, config: config, logger: logger, opened: opened, clients: []) { clients in
                let galleries = opened.all
                let environment = TestEnvironment(
                    dataDirectory: directory, gallery: galleries[0],
                    apiKey: try await publisherKey(galleries[0], user: "alice"),
                    otherAPIKey: try await publisherKey(galleries[0], user: "bob")
                )
                try await body(clients, galleries, environment)
            }
        } catch {
            for gallery in opened.all { await gallery.shutdown() }
            throw error
        }
        for gallery in opened.all { await gallery.shutdown() }
    }
}

private func startNode(
    _ index: Int, of count: Int, config: ServerConfig, logger: Logger, opened: OpenedGalleries,
    clients: [FeedClient], _ body: @escaping @Sendable ([FeedClient]) async throws -> Void
) async throws {
    guard index < count else { return try await body(clients) }
    let (app, gallery) = try await PalletServer.makeApplication(config: config, logger: logger)
    opened.append(gallery)
    try await app.test(.router) { client in
        let node = FeedClient(client: client, baseURL: TestEnvironment.baseURL)
        try await startNode(index + 1, of: count, config: config, logger: logger, opened: opened, clients: clients + [node], body)
    }
}

/// The galleries started so far, shut down at the end even when a later node fails to start.
private final class OpenedGalleries: Sendable {
    private let list = Mutex<[PackageGallery]>([])
    var all: [PackageGallery] { list.withLock { $0 } }
    func append(_ gallery: PackageGallery) { list.withLock { $0.append(gallery) } }
}
