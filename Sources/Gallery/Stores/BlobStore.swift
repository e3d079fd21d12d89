public import Foundation

/// Where Pallet keeps bytes: packages, their extracted files and rendered documents.
///
/// The filesystem store is the default; S3 comes with scale-out. Keys know their own paths,
/// so no caller builds a path by hand.
public protocol BlobStore: Sendable {
    /// Stores a local file under `key`, replacing what was there. The file may be moved, not copied.
    func put(_ key: BlobKey, movingFileAt path: String) async throws
    /// Stores bytes under `key`, atomically replacing what was there.
    func put(_ key: BlobKey, data: Data) async throws
    /// Reads a small blob whole, or nil.
    func data(_ key: BlobKey) async throws -> Data?
    /// Where to read a blob from for a download, or nil when absent.
    func location(_ key: BlobKey) async throws -> BlobLocation?
    /// Whether `location(_:knownSize:)` saves a round trip (an object store's HEAD), so callers that know
    /// the size from the database should use it.
    var locatesByKnownSize: Bool { get }
    /// Where to read a blob of a size the caller knows (a package's size from the database), without asking
    /// the store first; a blob missing after all surfaces when it is read (404), not here.
    func location(_ key: BlobKey, knownSize: Int64) async throws -> BlobLocation?
    /// Removes a blob; absent is fine.
    func delete(_ key: BlobKey) async throws
    /// Keys (as paths) under a prefix, for the sweeper.
    func list(prefix: String) async throws -> [String]
    /// Releases connections (an HTTP client); the store is unusable afterwards.
    func shutdown() async throws
}

extension BlobStore {
    /// Nothing to release (a folder on disk).
    public func shutdown() async throws {}

    /// Local stores find a blob as cheaply as the database would (a `stat`).
    public var locatesByKnownSize: Bool { false }

    /// The same as `location(_:)` where asking the store costs nothing to speak of.
    public func location(_ key: BlobKey, knownSize: Int64) async throws -> BlobLocation? {
        try await location(key)
    }
}

/// A store that can open a blob without suspending (a folder on this machine: an `open` and an `fstat`), so the event-loop
/// fast path (`FastPathHandler`) can answer a download with no hop to a thread pool, as nginx does.
public protocol ImmediateBlobLocating: Sendable {
    /// The blob's file opened for reading (the caller closes the descriptor), or nil when it is absent or
    /// not a plain file inside the store; never blocks for longer than an `open` and an `fstat`.
    func openImmediately(_ key: BlobKey) throws -> OpenedBlob?
}

/// A blob's file, open for reading (`ImmediateBlobLocating.openImmediately`).
public struct OpenedBlob: Sendable {
    /// The open file descriptor; whoever receives it closes it.
    public let descriptor: Int32
    public let size: Int64
    public let path: String

    public init(descriptor: Int32, size: Int64, path: String) {
        self.descriptor = descriptor
        self.size = size
        self.path = path
    }
}

/// How a download is answered.
///
/// Not `Equatable`: a `.remote` reader has no meaningful identity; tests match cases instead.
public enum BlobLocation: Sendable {
    /// A file on this machine, streamed (or sent with sendfile) by the HTTP layer.
    case localFile(path: String, size: Int64)
    /// Send the client elsewhere (a presigned object-store URL).
    case redirect(URL)
    /// Bytes kept elsewhere (an object store) that this server relays to the client as they arrive.
    case remote(size: Int64, reader: any BlobReader)
}

/// Reads a remote blob in chunks, so a relayed download never holds the whole blob in memory.
///
/// Chunks are `Data` so Gallery stays free of NIO; the HTTP layer copies each into a buffer.
public protocol BlobReader: Sendable {
    /// The bytes in `range` (the whole blob when nil), in arrival order. Failing to start throws
    /// (`StoreError.unavailable` when storage is down); a transfer that breaks off ends the stream with an error.
    func read(range: Range<Int64>?) async throws -> AsyncThrowingStream<Data, any Error>
}
