public import Foundation
public import Gallery
public import Logging

/// A `BlobStore` on an S3-compatible object store (AWS S3, MinIO, Ceph, R2, moto).
///
/// Objects are named `PREFIX + key.path`. A PUT replaces an object atomically, so readers see the
/// old bytes or the new, never half. Downloads are either redirected to a presigned URL (the
/// object store serves the bytes) or relayed through this server chunk by chunk; either way no
/// package is held whole in memory. Storage failures surface as `StoreError.unavailable`, which
/// the HTTP layer answers with 503.
public struct S3BlobStore: BlobStore {
    /// The S3 client; exposed for operations (bucket creation) and tests.
    public let client: S3Client
    /// Whether `location` answers with a presigned URL instead of relaying the bytes.
    public let presignDownloads: Bool
    /// How long a presigned download URL stays valid.
    public let presignExpiry: Duration
    let logger: Logger

    /// Opens a store on `location`, signing with `credentials`. Call `shutdown()` when done.
    public init(location: S3Location, credentials: S3Credentials, presignDownloads: Bool = false,
                presignExpiry: Duration = .seconds(300), logger: Logger) {
        self.init(client: S3Client(location: location, credentials: credentials, logger: logger),
                  presignDownloads: presignDownloads, presignExpiry: presignExpiry, logger: logger)
    }

    /// Opens a store on a client configured by the caller (part size, timeouts); the store owns it.
    public init(client: S3Client, presignDownloads: Bool = false, presignExpiry: Duration = .seconds(300), logger: Logger) {
        self.client = client
        self.presignDownloads = presignDownloads
        self.presignExpiry = presignExpiry
        self.logger = logger
    }

    /// Closes the HTTP connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Uploads the file (multipart when large), then removes it: the move happens only once S3 has it.
    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        let name = try objectKey(key)
        try await storage { try await client.putObject(name, fileAt: path) }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// One PUT with the body's hash signed.
    public func put(_ key: BlobKey, data: Data) async throws {
        let name = try objectKey(key)
        try await storage { try await client.putObject(name, data: data) }
    }

    /// The whole object, or nil when absent.
    public func data(_ key: BlobKey) async throws -> Data? {
        let name = try objectKey(key)
        return try await storage { try await client.getObject(name) }
    }

    /// A presigned URL, or a reader that relays the object; nil when absent (checked with HEAD,
    /// so a redirect never points at nothing).
    public func location(_ key: BlobKey) async throws -> BlobLocation? {
        let name = try objectKey(key)
        guard let info = try await storage({ try await client.headObject(name) }) else { return nil }
        if presignDownloads { return .redirect(client.presignedGetURL(name, expiry: presignExpiry)) }
        return .remote(size: info.size, reader: S3ObjectReader(client: client, key: name, eTag: info.eTag))
    }

    /// Downloads know a package's size from the database: no HEAD per download.
    public var locatesByKnownSize: Bool { true }

    /// The download of an object whose size the database knows: a presigned URL, or a relay whose GET
    /// answers 404 (`GalleryError.notFound`) if the object is missing after all. One S3 request, not two.
    public func location(_ key: BlobKey, knownSize: Int64) async throws -> BlobLocation? {
        let name = try objectKey(key)
        if presignDownloads { return .redirect(client.presignedGetURL(name, expiry: presignExpiry)) }
        return .remote(size: knownSize, reader: S3ObjectReader(client: client, key: name, eTag: nil))
    }

    /// Deletes the object; absent is fine.
    public func delete(_ key: BlobKey) async throws {
        let name = try objectKey(key)
        try await storage { try await client.deleteObject(name) }
    }

    /// Key paths under `prefix`, every page of the listing, sorted.
    public func list(prefix: String) async throws -> [String] {
        guard S3KeyPath.isValidPrefix(prefix) else { throw S3BlobStoreError.invalidKey(prefix) }
        let storePrefix = client.location.prefix
        let names = try await storage { try await client.listObjects(prefix: storePrefix + prefix) }
        return names.map { String($0.dropFirst(storePrefix.count)) }.sorted()
    }

    /// The object name of a key, after the same checks the filesystem store makes.
    func objectKey(_ key: BlobKey) throws -> String {
        guard S3KeyPath.isValid(key.path) else { throw S3BlobStoreError.invalidKey(key.path) }
        return client.location.prefix + key.path
    }

    /// Runs an S3 call, turning its failures into `StoreError.unavailable` with a loggable reason.
    func storage<R>(_ call: () async throws -> R) async throws -> R {
        do {
            return try await call()
        } catch let error as S3Error {
            logger.error("S3 call failed", metadata: ["error": "\(error)", "bucket": "\(client.location.bucket)"])
            throw StoreError.unavailable(error.description)
        }
    }
}

/// A key the store refuses before any request.
public enum S3BlobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key path is absolute, has an empty, `.` or `..` segment, or a backslash or control character.
    case invalidKey(String)

    public var description: String {
        switch self {
        case .invalidKey(let path): "The blob path '\(path)' is not a valid key for the blob store."
        }
    }
}
