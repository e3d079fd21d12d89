public import Foundation
public import Gallery
public import Logging

/// A `PackageGallery` for domain tests: on the in-memory stores by default (no database, folder or server),
/// or on any metadata store a test opened, with the test clock.
public struct TestGallery: Sendable {
    public let gallery: PackageGallery
    public let store: any MetadataStore
    public let blobs: any BlobStore
    public let clock: TestClock
    /// A scratch folder for upload files (removed by `close()`).
    public let scratch: URL

    /// Opens and starts a gallery at `http://pallet.test`; `store` defaults to a fresh `InMemoryMetadataStore` on
    /// `clock`, `blobs` to an `InMemoryBlobStore`. `close()` shuts both down. A push renews its claim only before
    /// each blob write, never on the real-time timer, so claim leases depend on `clock` alone.
    public static func open(
        clock: TestClock = TestClock(), store: (any MetadataStore)? = nil, blobs: (any BlobStore)? = nil,
        claimLeaseSeconds: TimeInterval = 60
    ) async throws -> TestGallery {
        let store = store ?? InMemoryMetadataStore(clock: clock)
        let blobStore = blobs ?? InMemoryBlobStore()
        var logger = Logger(label: "pallet.gallery-tests")
        logger.logLevel = .critical
        let gallery = try await PackageGallery.open(
            store: store, blobs: blobStore, urls: FeedURLs(base: "http://pallet.test"), clock: clock,
            claimLeaseSeconds: claimLeaseSeconds, renewsClaimsOnTimer: false, logger: logger)
        try await gallery.start()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-gallery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return TestGallery(gallery: gallery, store: store, blobs: blobStore, clock: clock, scratch: scratch)
    }

    /// Creates a user and a push+unlist key for it, straight in the store; returns the key's secret.
    public func userWithKey(_ name: String) async throws -> String {
        let user = try await store.createUser(User(name: name, email: "\(name)@pallet.test", created: clock.now()))
        let secret = APIKeySecret.generate()
        _ = try await store.createAPIKey(APIKeyRecord(
            userKey: user.key, name: "key", secretHash: APIKeySecret.hash(secret), scopes: [.push, .unlist],
            created: clock.now(), expires: clock.now().addingTimeInterval(86_400 * 30)))
        return secret
    }

    /// Writes `package` to the scratch folder and returns the file's path, as an upload would leave it.
    public func upload(_ package: TestPackage) throws -> String {
        let file = scratch.appendingPathComponent("upload-\(UUID().uuidString).nupkg")
        try package.data().write(to: file)
        return file.path
    }

    /// A rendered document's JSON (`flat/x/index.json`, `registration/x/index.json`), or nil.
    public func json(_ path: String) async throws -> [String: Any]? {
        guard let document = try await gallery.documents.document(at: path) else { return nil }
        return try JSONSerialization.jsonObject(with: document.body) as? [String: Any]
    }

    /// Shuts the gallery down and removes the scratch folder.
    public func close() async {
        await gallery.shutdown()
        try? FileManager.default.removeItem(at: scratch)
    }
}
