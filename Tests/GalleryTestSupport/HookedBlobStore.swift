public import Foundation
public import Gallery
import Synchronization

/// An in-memory blob store that runs a hook once, right after the first blob (of those the hook matches) is
/// written: how a test makes something happen in the middle of a push (its lease lapsing, another push taking
/// the claim over). A push writes some blobs concurrently, so a test that needs one order names the blob.
public final class HookedBlobStore: BlobStore {
    private let inner = InMemoryBlobStore()
    private let hook = Mutex<(matches: @Sendable (BlobKey) -> Bool, body: @Sendable () async throws -> Void)?>(nil)

    /// An empty store with no hook.
    public init() {}

    /// Sets the hook, run once after the next put of a blob `matching` accepts (any blob by default).
    public func afterNextPut(
        matching: @escaping @Sendable (BlobKey) -> Bool = { _ in true }, _ body: @escaping @Sendable () async throws -> Void
    ) {
        hook.withLock { $0 = (matching, body) }
    }

    private func runHook(after key: BlobKey) async throws {
        let body = hook.withLock { current -> (@Sendable () async throws -> Void)? in
            guard let hook = current, hook.matches(key) else { return nil }
            current = nil
            return hook.body
        }
        try await body?()
    }

    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        try await inner.put(key, movingFileAt: path)
        try await runHook(after: key)
    }

    public func put(_ key: BlobKey, data: Data) async throws {
        try await inner.put(key, data: data)
        try await runHook(after: key)
    }

    public func data(_ key: BlobKey) async throws -> Data? { try await inner.data(key) }
    public func location(_ key: BlobKey) async throws -> BlobLocation? { try await inner.location(key) }
    public func delete(_ key: BlobKey) async throws { try await inner.delete(key) }
    public func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
}
