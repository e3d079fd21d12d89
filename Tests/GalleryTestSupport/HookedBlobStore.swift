public import Foundation
public import Gallery
import Synchronization

/// An in-memory blob store that runs a hook once, right after the first blob is written: how a test makes
/// something happen in the middle of a push (its lease lapsing, another push taking the claim over).
public final class HookedBlobStore: BlobStore {
    private let inner = InMemoryBlobStore()
    private let hook = Mutex<(@Sendable () async throws -> Void)?>(nil)

    /// An empty store with no hook.
    public init() {}

    /// Sets the hook, run once after the next put.
    public func afterNextPut(_ body: @escaping @Sendable () async throws -> Void) {
        hook.withLock { $0 = body }
    }

    private func runHook() async throws {
        let body = hook.withLock { current -> (@Sendable () async throws -> Void)? in
            defer { current = nil }
            return current
        }
        try await body?()
    }

    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        try await inner.put(key, movingFileAt: path)
        try await runHook()
    }

    public func put(_ key: BlobKey, data: Data) async throws {
        try await inner.put(key, data: data)
        try await runHook()
    }

    public func data(_ key: BlobKey) async throws -> Data? { try await inner.data(key) }
    public func location(_ key: BlobKey) async throws -> BlobLocation? { try await inner.location(key) }
    public func delete(_ key: BlobKey) async throws { try await inner.delete(key) }
    public func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
}
