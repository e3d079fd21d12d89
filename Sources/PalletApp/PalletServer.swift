public import Gallery
public import HTTPPlumbing
public import Hummingbird
import OIDC
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
    /// `clock` is the gallery's time (key expiry, claim leases, audit stamps): tests pass one they move.
    /// `baseURLFromStore` (the admin commands): render with the base URL the serving process recorded, so a
    /// command that renders documents (an import) never writes URLs of its own default into them.
    public static func openGallery(
        config: ServerConfig, logger: Logger, baseURL: String? = nil, baseURLFromStore: Bool = false,
        clock: any GalleryClock = SystemClock()
    ) async throws -> PackageGallery {
        let store = try await GalleryStores.openMetadataStore(config: config, logger: logger)
        // A fresh installation has no settings table yet: then the configured base URL is the one.
        let recorded = baseURLFromStore ? (try? await store.setting("documents.baseURL")) ?? nil : nil
        let blobs: any BlobStore
        do {
            blobs = try GalleryStores.openBlobStore(config: config, logger: logger)
        } catch {
            try? await store.shutdown()
            throw error
        }
        do {
            return try await PackageGallery.open(
                store: store, blobs: blobs, urls: FeedURLs(base: baseURL ?? recorded ?? config.effectiveBaseURL()), clock: clock,
                renderGrace: config.isShared ? .seconds(2) : .zero, claimLeaseSeconds: TimeInterval(config.claimLeaseSeconds),
                logger: logger
            )
        } catch {
            // A connection pool or HTTP client released without shutdown traps; close both first.
            try? await store.shutdown()
            try? await blobs.shutdown()
            throw error
        }
    }

    /// The runnable application: repairs and loads the gallery, then serves V3, V2 and health routes.
    /// `bodyMeter` (tests) records how much of each request body the server had read when it answered;
    /// `clock` (tests) replaces the system clock, so no test waits for time to pass.
    public static func makeApplication(
        config: ServerConfig, logger: Logger, bodyMeter: RequestBodyMeter? = nil, clock: any GalleryClock = SystemClock(),
        onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) async throws -> (some ApplicationProtocol, PackageGallery) {
        let gallery = try await openGallery(config: config, logger: logger, clock: clock)
        let claimTimeout = TimeInterval(config.pendingPushTimeoutSeconds)
        do {
            try await gallery.start(recoverClaimsOlderThan: config.isShared ? claimTimeout : 0)
        } catch {
            // The stores hold connections that must be closed before they are released.
            await gallery.shutdown()
            throw error
        }
        let data = try DataDirectory(config.dataDirectory)
        let router = Router(context: PalletRequestContext.self)
        // Outermost first: every answer gets its request id and is counted, refused ones included.
        PalletMetrics.bootstrap()
        let limiter = config.maxInFlight > 0 ? RequestLimiter(maxInFlight: config.maxInFlight, maxQueued: config.maxQueued) : nil
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestMetricsMiddleware(limiter: limiter))
        if let limiter { router.add(middleware: RequestLimitMiddleware(limiter: limiter)) }
        router.add(middleware: NuGetErrorMiddleware())
        // One responder, so one file cache, for every surface that sends package files.
        let files = BlobResponder(accelRedirectPrefix: config.accelRedirectPrefix)
        let uploads = UploadSettings(maxPackageBytes: Int64(config.maxPackageSizeMB) << 20, temporaryDirectory: data.temporary)
        // Each URL space is registered by one module: /v3/* by HTTPV3, /api/v2/* (feed, downloads,
        // push, unlist, relist) by HTTPV2, /health/* by HealthRoutes, every other path by WebGallery.
        // Upstreams: a pull-through cache for ids this feed does not hold; fetched files kept in the blob store.
        let upstreams = config.upstreams.isEmpty ? nil : Upstreams(
            sources: config.upstreams.map { HTTPUpstreamSource(url: $0, timeoutSeconds: Int64(config.upstreamTimeoutSeconds)) },
            clock: gallery.clock, cache: gallery.upstreamCache,
            ttl: TimeInterval(config.upstreamCacheSeconds), negativeTTL: TimeInterval(config.upstreamNegativeCacheSeconds),
            logger: logger)
        // One answer cache for search and autocomplete, read and filled by the routes and the fast path.
        let searchAnswers = SearchAnswers(gallery: gallery)
        V3Routes<PalletRequestContext>(
            gallery: gallery, files: files, upstreams: upstreams, upstreamInSearch: config.upstreamInSearch, searchAnswers: searchAnswers)
            .register(on: router)
        // Trusted publishing: CI tokens must name the public base URL as their audience (NuGet/login's `audience`).
        let trustedPublishing = TrustedPublishing(
            store: gallery.store, verifier: OIDCTokenVerifier(clock: gallery.clock), clock: gallery.clock,
            audience: gallery.urls.base, logger: logger)
        V2FeedRoutes<PalletRequestContext>(
            gallery: gallery, files: files, uploads: uploads, trustedPublishing: trustedPublishing, upstreams: upstreams)
            .register(on: router)
        HealthRoutes<PalletRequestContext>(gallery: gallery).register(on: router)
        // The public web gallery (home, search, package, profile, statistics); after the NuGet surfaces'
        // error middleware so web paths get HTML error pages.
        WebRoutes<PalletRequestContext>(web: WebGallery(
            gallery: gallery, passwordHashCost: UInt8(config.passwordHashCost), mailer: makeMailer(config: config, logger: logger),
            trustedProxies: config.trustedProxies, uploads: uploads,
            operators: config.mail.operators, policies: config.policies.texts, passwordSignIn: config.openID.passwordSignIn,
            openIDProviders: config.openID.providers, openIDClient: OIDCRelyingParty(clock: gallery.clock, timeout: .seconds(Int64(config.openID.timeoutSeconds)))))
            .register(on: router)
        // GET/HEAD of in-memory documents and data-folder downloads answered on the event loop, with the same
        // bytes, request ids, metrics and limit as the router's (issue 13); every other request goes on to it.
        let serverName = "Pallet"
        let fastPath = config.fastPath ? FastPath(
            responder: V3FastPath(gallery: gallery, files: files, hasUpstreams: upstreams != nil, searchAnswers: searchAnswers),
            limiter: limiter, serverName: serverName, logger: logger) : nil
        var app = Application(
            router: router,
            server: .http1(additionalChannelHandlers: [ReasonPhraseInstaller(), FileRegionInstaller(), EarlyAnswerHandler(meter: bodyMeter)]
                + (fastPath.map { [$0.installer()] } ?? [])
                // The request limit also counts each request the router gets from its head (work queued before
                // any handler runs); innermost, so the fast path's own answers are not counted twice.
                + (limiter.map { [RequestAdmissionHandler(limiter: $0)] } ?? [])),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: serverName),
            onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        app.addServices(DownloadFlushService(counter: gallery.downloads))
        if let address = config.metricsAddress {
            // Off the public port: scrapers reach it, NuGet clients and the internet need not.
            app.addServices(Application(
                router: PalletMetrics.router(), configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Pallet"),
                logger: logger))
        }
        let administration = gallery.administration(mailer: makeMailer(config: config, logger: logger))
        app.addServices(PendingChangesService(gallery: gallery, logger: logger), KeyExpiryReminderService(administration: administration, logger: logger))
        app.addServices(PendingPushSweeperService(
            gallery: gallery, timeout: claimTimeout, sweepsClaims: config.isShared,
            temporaryFiles: TemporaryFileSweeper(data: data, blobs: gallery.blobs, logger: logger), logger: logger))
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
