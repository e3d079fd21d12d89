public import Gallery
public import Hummingbird
public import Logging
import BlobFileSystem
import HTTPV2
import HTTPV3
import SQLStore
import WebGallery
import Foundation
import ServiceLifecycle

/// Builds the Pallet application on the stores the configuration names (SQLite + the data folder by default).
public enum PalletServer {
    /// Opens the stores of a data folder and the gallery on them (used by `serve` and the admin commands).
    public static func openGallery(config: ServerConfig, logger: Logger, baseURL: String? = nil) async throws -> PackageGallery {
        let store = try await GalleryStores.openMetadataStore(config: config, logger: logger)
        let blobs: any BlobStore
        do {
            blobs = try GalleryStores.openBlobStore(config: config, logger: logger)
        } catch {
            try? await store.shutdown()
            throw error
        }
        do {
            return try await PackageGallery.open(
                store: store, blobs: blobs, urls: FeedURLs(base: baseURL ?? config.effectiveBaseURL()),
                renderGrace: config.isShared ? .seconds(2) : .zero, logger: logger
            )
        } catch {
            // A connection pool or HTTP client released without shutdown traps; close both first.
            try? await store.shutdown()
            try? await blobs.shutdown()
            throw error
        }
    }

    /// The runnable application: repairs and loads the gallery, then serves V3 and health routes.
    public static func makeApplication(
        config: ServerConfig, logger: Logger, onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) async throws -> (some ApplicationProtocol, PackageGallery) {
        let gallery = try await openGallery(config: config, logger: logger)
        let claimTimeout = TimeInterval(config.pendingPushTimeoutSeconds)
        do {
            try await gallery.start(recoverClaimsOlderThan: config.isShared ? claimTimeout : 0)
        } catch {
            // The stores hold connections that must be closed before they are released.
            await gallery.shutdown()
            throw error
        }
        let data = try DataDirectory(config.dataDirectory)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: NuGetErrorMiddleware())
        V3Routes<BasicRequestContext>(
            gallery: gallery,
            settings: V3Settings(
                maxPackageBytes: Int64(config.maxPackageSizeMB) << 20, temporaryDirectory: data.temporary,
                accelRedirectPrefix: config.accelRedirectPrefix
            )
        ).register(on: router)
        HealthRoutes<BasicRequestContext>(gallery: gallery).register(on: router)
        V2FeedRoutes<BasicRequestContext>(gallery: gallery, settings: V3Settings(
            maxPackageBytes: Int64(config.maxPackageSizeMB) << 20, temporaryDirectory: data.temporary,
            accelRedirectPrefix: config.accelRedirectPrefix
        )).register(on: router)
        // The public web gallery (home, search, package, profile, statistics); after the NuGet surfaces'
        // error middleware so web paths get HTML error pages.
        WebRoutes<BasicRequestContext>(web: WebGallery(gallery: gallery)).register(on: router)
        var app = Application(
            router: router,
            server: .http1(additionalChannelHandlers: [ReasonPhraseInstaller()]),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Pallet"),
            onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        app.addServices(DownloadFlushService(counter: gallery.downloads))
        let administration = gallery.administration(mailer: makeMailer(config: config, logger: logger))
        app.addServices(PendingChangesService(gallery: gallery, logger: logger), KeyExpiryReminderService(administration: administration, logger: logger))
        if config.isShared {
            app.addServices(PendingPushSweeperService(gallery: gallery, timeout: claimTimeout, logger: logger))
        }
        return (app, gallery)
    }
}

/// Flushes download counts every five seconds, and once more at shutdown.
struct DownloadFlushService: Service {
    let counter: DownloadCounter

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await counter.run(every: .seconds(5))
        }
        await counter.flush()
    }
}
