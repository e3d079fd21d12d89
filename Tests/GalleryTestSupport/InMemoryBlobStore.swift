public import Foundation
public import Gallery
import Synchronization

/// A `BlobStore` in memory, for domain tests: whole replacements, sorted listings, downloads relayed as
/// `.remote` (the bytes have no file to point at).
public final class InMemoryBlobStore: BlobStore {
    private let blobs = Mutex<[String: Data]>([:])

    /// An empty store.
    public init() {}

    /// Reads the file whole and removes it, as a move would.
    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        try Self.validate(key.path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        blobs.withLock { $0[key.path] = data }
        try FileManager.default.removeItem(atPath: path)
    }

    public func put(_ key: BlobKey, data: Data) async throws {
        try Self.validate(key.path)
        blobs.withLock { $0[key.path] = data }
    }

    public func data(_ key: BlobKey) async throws -> Data? {
        try Self.validate(key.path)
        return blobs.withLock { $0[key.path] }
    }

    public func location(_ key: BlobKey) async throws -> BlobLocation? {
        try Self.validate(key.path)
        guard let data = blobs.withLock({ $0[key.path] }) else { return nil }
        return .remote(size: Int64(data.count), reader: InMemoryBlobReader(data: data))
    }

    public func delete(_ key: BlobKey) async throws {
        try Self.validate(key.path)
        _ = blobs.withLock { $0.removeValue(forKey: key.path) }
    }

    public func list(prefix: String) async throws -> [String] {
        let segments = prefix.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }), !prefix.hasPrefix("/"), !prefix.contains("\\") else {
            throw InMemoryBlobStoreError.invalidPath(prefix)
        }
        return blobs.withLock { $0.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }
}

extension InMemoryBlobStore {
    /// Refuses the paths the filesystem and S3 stores refuse: empty, `.` or `..` segments, a leading `/`, backslashes.
    static func validate(_ path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.contains("\\"),
              !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw InMemoryBlobStoreError.invalidPath(path)
        }
    }
}

/// A blob store refusal.
public enum InMemoryBlobStoreError: Error, Sendable, Equatable {
    /// The key or listing prefix would leave the store (or names no file there).
    case invalidPath(String)
}

/// Reads an in-memory blob as one chunk.
struct InMemoryBlobReader: BlobReader {
    let data: Data

    func read(range: Range<Int64>?) async throws -> AsyncThrowingStream<Data, any Error> {
        let slice = range.map { data.subdata(in: Int($0.lowerBound)..<Int(min($0.upperBound, Int64(data.count)))) } ?? data
        return AsyncThrowingStream { continuation in
            continuation.yield(slice)
            continuation.finish()
        }
    }
}
