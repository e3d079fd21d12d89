import Foundation

/// Copies every blob of one store into another (a data folder to S3, or folder to folder), then checks
/// the copy with `verify(packages:)`.
///
/// Re-runnable: the target is listed first and a key already there is skipped when its size matches
/// (puts are atomic in every store, so a present blob is a whole one). When a size is unknown (a store
/// that answers with redirects), package files are skipped (they never change once pushed and their
/// hashes are verified) and rendered documents are copied again (they are small and may have changed).
/// Staged pushes and files that are not Pallet keys (upload temp files) are left out.
/// The source is only read: a local file is copied to a temp file, and the copy is what the target moves.
public struct BlobCopier: Sendable {
    /// What the copy reports as it goes; the handler may throw to stop (tests simulate an interruption).
    public enum Progress: Sendable, Equatable {
        /// `done` of `total` source keys handled (every `progressInterval` keys, and at the end).
        case blobs(done: Int, total: Int)
    }

    /// What `copy()` did.
    public struct Summary: Sendable, Equatable {
        /// Blobs written to the target.
        public var copied = 0
        /// Blobs already present with the same size.
        public var skipped = 0
        /// Source paths that are not copied: staged pushes and files that are not Pallet keys.
        public var ignored = 0
    }

    public let source: any BlobStore
    public let target: any BlobStore
    /// A folder for the temp copies of local files; on the target's filesystem, the final move is a rename.
    public let temporaryDirectory: String
    /// Progress is reported every this many keys.
    public let progressInterval: Int

    public init(from source: any BlobStore, to target: any BlobStore, temporaryDirectory: String, progressInterval: Int = 1000) {
        self.source = source
        self.target = target
        self.temporaryDirectory = temporaryDirectory
        self.progressInterval = max(1, progressInterval)
    }

    /// Copies every blob of the source the target lacks (or holds with another size).
    public func copy(progress: @escaping @Sendable (Progress) async throws -> Void = { _ in }) async throws -> Summary {
        let paths = try await source.list(prefix: "")
        let present = Set(try await target.list(prefix: ""))
        try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
        var summary = Summary()
        for (index, path) in paths.enumerated() {
            if let key = BlobKey(path: path), !key.isStaging {
                if present.contains(path), try await isUpToDate(key) {
                    summary.skipped += 1
                } else if try await copyBlob(key) {
                    summary.copied += 1
                } else {
                    summary.ignored += 1  // deleted from the source since it was listed
                }
            } else {
                summary.ignored += 1
            }
            if (index + 1) % progressInterval == 0 { try await progress(.blobs(done: index + 1, total: paths.count)) }
        }
        try await progress(.blobs(done: paths.count, total: paths.count))
        return summary
    }

    /// Whether the target's copy of a present key can stay.
    private func isUpToDate(_ key: BlobKey) async throws -> Bool {
        guard case .localFile(_, let sourceSize) = try await source.location(key),
              case .localFile(_, let targetSize) = try await target.location(key)
        else { return !key.isRebuildable }
        return sourceSize == targetSize
    }

    /// Writes one blob to the target; false when the source no longer has it.
    private func copyBlob(_ key: BlobKey) async throws -> Bool {
        if !key.isRebuildable, case .localFile(let path, _) = try await source.location(key) {
            let temporary = temporaryDirectory + "/.tmp-migrate-" + UUID().uuidString
            do {
                try FileManager.default.copyItem(atPath: path, toPath: temporary)
                try await target.put(key, movingFileAt: temporary)
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw error
            }
            return true
        }
        guard let data = try await source.data(key) else { return false }
        try await target.put(key, data: data)
        return true
    }
}
