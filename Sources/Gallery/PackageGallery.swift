public import Foundation
public import Logging
public import NuGetCore

/// The gallery's services wired together: what HTTP handlers and the admin CLI call.
///
/// Handlers parse, call one method here and encode; rules live below this type, not in routes.
public final class PackageGallery: Sendable {
    public let store: any MetadataStore
    public let blobs: any BlobStore
    public let urls: FeedURLs
    public let documents: DocumentPublisher
    public let catalog: CatalogPublisher
    public let search: SearchIndex
    /// Every available version in memory, for the V2 OData feed.
    public let feed: PackageFeedView
    public let downloads: DownloadCounter
    public let publisher: PackagePublisher
    public let authenticator: APIKeyAuthenticator
    /// Decides what a principal may do (one policy for every surface).
    public let authorizer: Authorizer
    public let accounts: AccountService
    public let clock: any GalleryClock
    /// Applies writes of other processes (nodes, the admin CLI) to this node's memory; `serve` polls it.
    public let follower: ChangeFollower
    /// `VulnerabilityInfo/6.7.0` documents, rendered once per advisory change.
    public let vulnerabilities: VulnerabilityDocuments
    let changes: ChangeRecorder
    let logger: Logger

    /// Wires the services. Call `start()` before serving.
    /// - Parameter renderGrace: how long an id another process marked is left to it before this node renders
    ///   it (see `ChangeFollower`): zero for a single node, a few seconds when several share one database.
    /// - Parameter renewsClaimsOnTimer: whether a push also renews its claim every third of the lease in real
    ///   time while it stores blobs (it always renews before each blob write). False only for tests on an
    ///   injected clock: the timer's real-time ticks would renew at moments the test does not control.
    public init(
        store: any MetadataStore, blobs: any BlobStore, urls: FeedURLs, clock: any GalleryClock = SystemClock(),
        limits: NupkgLimits = .default, commitClock: CommitClock, renderGrace: Duration = .zero,
        claimLeaseSeconds: TimeInterval = PackageGallery.defaultClaimLeaseSeconds, renewsClaimsOnTimer: Bool = true,
        logger: Logger
    ) {
        self.store = store
        self.blobs = blobs
        self.urls = urls
        self.clock = clock
        self.logger = logger
        let cache = DocumentCache()
        documents = DocumentPublisher(store: store, blobs: blobs, cache: cache, urls: urls, logger: logger)
        catalog = CatalogPublisher(store: store, blobs: blobs, cache: cache, urls: urls)
        search = SearchIndex()
        vulnerabilities = VulnerabilityDocuments(store: store, urls: urls)
        feed = PackageFeedView(search: search)
        downloads = DownloadCounter(store: store, search: search, clock: clock, logger: logger)
        authenticator = APIKeyAuthenticator(store: store, clock: clock)
        authorizer = Authorizer(store: store)
        accounts = AccountService(store: store, clock: clock)
        changes = ChangeRecorder(
            store: store, blobs: blobs, documents: documents, catalog: catalog, search: search, feed: feed,
            commitClock: commitClock, urls: urls
        )
        follower = ChangeFollower(
            store: store, documents: documents, catalog: catalog, changes: changes, renderGrace: renderGrace)
        publisher = PackagePublisher(
            store: store, blobs: blobs, reader: PackageReader(limits: limits), authorizer: authorizer,
            changes: changes, clock: clock,
            renewal: ClaimRenewal(store: store, clock: clock, leaseLength: claimLeaseSeconds, onTimer: renewsClaimsOnTimer),
            logger: logger
        )
    }

    /// How long a push's claim lasts unless renewed (renewed every third of it while the push stores blobs).
    public static let defaultClaimLeaseSeconds: TimeInterval = 120

    /// Opens a gallery on migrated stores: the commit clock continues after the newest catalog stamp.
    public static func open(
        store: any MetadataStore, blobs: any BlobStore, urls: FeedURLs, clock: any GalleryClock = SystemClock(),
        limits: NupkgLimits = .default, renderGrace: Duration = .zero,
        claimLeaseSeconds: TimeInterval = PackageGallery.defaultClaimLeaseSeconds, renewsClaimsOnTimer: Bool = true,
        logger: Logger
    ) async throws -> PackageGallery {
        try await store.migrate()
        let commitClock = CommitClock(clock: clock, after: try await store.latestCatalogTimeStamp())
        return PackageGallery(
            store: store, blobs: blobs, urls: urls, clock: clock, limits: limits, commitClock: commitClock,
            renderGrace: renderGrace, claimLeaseSeconds: claimLeaseSeconds, renewsClaimsOnTimer: renewsClaimsOnTimer,
            logger: logger)
    }

    /// Repairs what a crash may have left and loads the search index.
    ///
    /// Order matters: interrupted pushes are removed first, then every dirty id is re-rendered
    /// (all of them when the base URL changed, because documents embed absolute URLs).
    /// - Parameter recoverClaimsOlderThan: pending pushes whose claim lease lapsed longer ago than this are
    ///   interrupted ones. Zero when this process is the only writer (then every pending claim is removed);
    ///   with several nodes, a grace after the lease, so a starting node never abandons a push in flight.
    public func start(recoverClaimsOlderThan claimAge: TimeInterval = 0) async throws {
        try await follower.begin()
        // The only writer has no push in flight at start: every pending claim is an interrupted one, lease or not.
        _ = claimAge == 0
            ? try await publisher.recoverClaims(expiredBefore: .distantFuture)
            : try await publisher.recoverClaims(olderThan: claimAge)
        if try await store.setting("documents.baseURL") != urls.base {
            let all = Set(try await store.allAvailableVersions().map(\.lowerID))
            try await store.markDirty(Array(all))
            try await store.setSetting("documents.baseURL", urls.base)
        }
        try await documents.refreshDirty()
        try await catalog.rebuild()
        let packages = try await loadIndexes()
        logger.info("gallery ready", metadata: ["packages": "\(packages)"])
    }

    /// Flushes buffered download counts and closes the store (end of `serve` and of every admin command).
    public func shutdown() async {
        await downloads.flush()
        do {
            try await catalog.flush()
        } catch {
            logger.warning("catalog documents not written to the blob store (the next start renders them)", metadata: ["error": "\(error)"])
        }
        do {
            try await store.shutdown()
        } catch {
            logger.warning("store did not close cleanly", metadata: ["error": "\(error)"])
        }
        do {
            try await blobs.shutdown()
        } catch {
            logger.warning("blob store did not close cleanly", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Writes

    /// Pushes a package file (V3 and V2 push land here) for a principal the surface authenticated before
    /// reading the upload.
    public func push(packageAt path: String, by principal: Principal) async throws -> PushResult {
        do {
            let result = try await publisher.push(packageAt: path, by: principal)
            GalleryMetrics.countPush("published")
            return result
        } catch let error as GalleryError {
            GalleryMetrics.countPush("\(error.kind)")
            throw error
        } catch {
            GalleryMetrics.countPush("failed")
            throw error
        }
    }

    /// Unlists (`listed == false`) or relists a version for an authenticated principal. Idempotent.
    public func setListed(_ listed: Bool, id: PackageID, version: NuGetVersion, by principal: Principal) async throws -> PackageVersionRecord {
        let key = PackageVersionKey(lowerID: id.lowercased, lowerVersion: version.normalizedLowercased)
        // The refusal names the version as the client spelled it.
        let notFound = GalleryError.notFound("Package '\(id.original)' version '\(version.originalString)' was not found.")
        guard let record = try await store.version(key), record.state == .available else { throw notFound }
        let target = PackageTarget(
            id: record.id, ownerKeys: Set(try await store.owners(ofLowerID: key.lowerID)),
            isLocked: try await store.isPackageLocked(lowerID: key.lowerID))
        try authorizer.check(principal, .setListed(target))
        let event = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: listed ? "package.relisted" : "package.unlisted",
            target: "package \(record.id) \(record.normalizedVersion)"
        )
        guard let updated = try await changes.setListed(listed, key, at: clock.now(), audit: [event]) else { throw notFound }
        logger.info(listed ? "relisted" : "unlisted", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
        return updated
    }

    // MARK: Reads

    /// Where a package file is, for a download; counts the download when `countDownload` is set.
    public func blob(_ key: BlobKey, countDownload: Bool = false) async throws -> BlobLocation? {
        let found: BlobLocation?
        if blobs.locatesByKnownSize, case .nupkg(let versionKey) = key {
            // The database knows the package and its size: one object-store request per download, not two (a
            // HEAD costs as much as the transfer of a small package). Read every time, not kept: a hard delete
            // on any node must turn the next HEAD or 304 into a 404, and a primary-key read is cheap.
            guard let record = try await store.version(versionKey), record.state == .available else { return nil }
            found = try await blobs.location(key, knownSize: record.packageSize)
        } else {
            found = try await blobs.location(key)
        }
        guard let location = found else { return nil }
        if countDownload, case .nupkg(let versionKey) = key { downloads.record(versionKey) }
        return location
    }

    /// A package file opened without suspending, where the blob store is a local folder; nil when it is not,
    /// or the file is absent (the caller then takes the ordinary path). Counts nothing: the caller counts a
    /// download (`downloads.record`) once it answers with the file.
    public func openBlobImmediately(_ key: BlobKey) -> OpenedBlob? {
        guard !blobs.locatesByKnownSize, let locator = blobs as? any ImmediateBlobLocating else { return nil }
        return try? locator.openImmediately(key)
    }

    /// The key of a version as a client spelled it: id matched case-insensitively, version normalized.
    public static func versionKey(id: String, version: String) throws -> PackageVersionKey {
        let (packageID, parsed) = try parse(id: id, version: version)
        return PackageVersionKey(lowerID: packageID.lowercased, lowerVersion: parsed.normalizedLowercased)
    }

    /// An id and a version from a URL or a form, or a 400 naming what is wrong: how every surface turns text
    /// into the typed values domain verbs take.
    public static func parse(id: String, version: String) throws -> (PackageID, NuGetVersion) {
        guard let packageID = try? PackageID(validating: id) else {
            throw GalleryError.badRequest("'\(id)' is not a valid package ID.")
        }
        guard let parsed = try? NuGetVersion(parsing: version) else {
            throw GalleryError.badRequest("'\(version)' is not a valid NuGet version.")
        }
        return (packageID, parsed)
    }
}
