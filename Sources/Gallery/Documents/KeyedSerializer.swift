/// Runs operations one after another per key (per package id), different keys concurrently.
///
/// Two pushes of the same id must not render its documents at the same time, or the older
/// rendering could be written last.
actor KeyedSerializer {
    private var tails: [String: Task<Void, Never>] = [:]

    /// Runs `operation` after every earlier operation on `key` has finished.
    func run<T: Sendable>(_ key: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tails[key]
        let task = Task<T, any Error> {
            await previous?.value
            return try await operation()
        }
        let tail = Task<Void, Never> { _ = try? await task.value }
        tails[key] = tail
        defer { if tails[key] == tail { tails[key] = nil } }
        return try await task.value
    }
}
