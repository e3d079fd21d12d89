public import Foundation
public import Gallery
import Synchronization

/// An in-memory blob store that records every request by kind and key path, and can fail the puts of
/// chosen blobs: how a test asserts what a push asks of the object store (counts, not timing) and what a
/// push that fails midway leaves behind.
public final class CountingBlobStore: BlobStore {
    /// One request: `PUT`, `GET` (`data`), `HEAD` (`location`) or `DELETE`, and the blob's path.
    public struct Request: Sendable, Equatable, CustomStringConvertible {
        public let method: String
        public let path: String
        public var description: String { "\(method) \(path)" }
    }

    /// A put refused by `failPuts(matching:)`.
    public struct InjectedFailure: Error, Equatable {
        public let path: String
    }

    private let inner = InMemoryBlobStore()
    private let log = Mutex<[Request]>([])
    private let failing = Mutex<(@Sendable (BlobKey) -> Bool)?>(nil)

    /// An empty store that fails nothing.
    public init() {}

    /// The requests so far, in the order they were made.
    public var requests: [Request] { log.withLock { $0 } }

    /// Forgets the requests so far (to count one push's alone).
    public func resetRequests() { log.withLock { $0 = [] } }

    /// Makes every later put of a blob `matching` accepts throw `InjectedFailure` (nil: none fails).
    public func failPuts(matching: (@Sendable (BlobKey) -> Bool)?) { failing.withLock { $0 = matching } }

    private func record(_ method: String, _ key: BlobKey) {
        log.withLock { $0.append(Request(method: method, path: key.path)) }
    }

    private func checkFailure(_ key: BlobKey) throws {
        if failing.withLock({ $0?(key) }) == true { throw InjectedFailure(path: key.path) }
    }

    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        record("PUT", key)
        try checkFailure(key)
        try await inner.put(key, movingFileAt: path)
    }

    public func put(_ key: BlobKey, data: Data) async throws {
        record("PUT", key)
        try checkFailure(key)
        try await inner.put(key, data: data)
    }

    public func data(_ key: BlobKey) async throws -> Data? {
        record("GET", key)
        return try await inner.data(key)
    }

    public func location(_ key: BlobKey) async throws -> BlobLocation? {
        record("HEAD", key)
        return try await inner.location(key)
    }

    public func delete(_ key: BlobKey) async throws {
        record("DELETE", key)
        try await inner.delete(key)
    }

    public func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
}
