public import Foundation
public import Gallery
import NIOPosix

/// A `BlobStore` on a local folder, laid out as the keys' paths so nginx can serve it directly.
///
/// Writes are atomic: bytes go to a hidden temporary file in the destination folder (`.tmp-…`),
/// are flushed with `fsync`, then renamed over the destination, so a reader sees the old file or
/// the new one, never half of one, and a crash leaves at most a temporary file for the sweeper.
///
/// Every file call runs on NIO's blocking thread pool (`NIOThreadPool.singleton`), never on an event
/// loop or the cooperative pool. The calls are short (a rename, a small write), except the copy fallback
/// of `put(_:movingFileAt:)` across filesystems, which is why uploads should be staged on the same filesystem.
public struct FileSystemBlobStore: BlobStore {
    let paths: BlobPath

    /// Opens the store at `root`, creating the folder when missing.
    public init(root: String) throws {
        self.paths = try BlobPath(root: root)
    }

    /// The absolute root folder.
    public var root: String { paths.root }

    /// Moves the file into place with one rename (after `fsync`); across filesystems, copies next to the destination and renames.
    public func put(_ key: BlobKey, movingFileAt path: String) async throws {
        let destination = try paths.absolute(key.path)
        try await blocking { [paths] in
            let folder = try Self.prepareFolder(of: destination, paths: paths)
            try FileIO.sync(path)
            if try FileIO.rename(path, to: destination) { return }
            // Another filesystem: copy next to the destination first, so the final step is still a rename.
            let temporary = Self.temporaryPath(in: folder)
            do {
                try FileIO.copy(path, to: temporary)
                _ = try FileIO.rename(temporary, to: destination)
            } catch {
                FileIO.removeIfPresent(temporary)
                throw error
            }
            FileIO.removeIfPresent(path)
        }
    }

    /// Writes a temporary file in the destination folder, flushes it and renames it over the destination.
    public func put(_ key: BlobKey, data: Data) async throws {
        let destination = try paths.absolute(key.path)
        try await blocking { [paths] in
            let folder = try Self.prepareFolder(of: destination, paths: paths)
            let temporary = Self.temporaryPath(in: folder)
            do {
                // Rendered documents are rebuilt from the metadata store, so they skip the flush
                // (a push writes a dozen of them; each fsync costs milliseconds).
                try FileIO.write(data, to: temporary, durable: !key.isRebuildable)
                _ = try FileIO.rename(temporary, to: destination)
            } catch {
                FileIO.removeIfPresent(temporary)
                throw error
            }
        }
    }

    /// The whole file, or nil when absent.
    public func data(_ key: BlobKey) async throws -> Data? {
        let path = try paths.absolute(key.path)
        return try await blocking { [paths] in
            try paths.requireInsideRoot(resolving: path)
            return try FileIO.read(path)
        }
    }

    /// The absolute path and size of the file, or nil when absent.
    public func location(_ key: BlobKey) async throws -> BlobLocation? {
        let path = try paths.absolute(key.path)
        return try await blocking { [paths] in
            try paths.requireInsideRoot(resolving: path)
            return try FileIO.regularFileSize(path).map { BlobLocation.localFile(path: path, size: $0) }
        }
    }

    /// Removes the file; absent is fine. Empty folders stay (the layout is shallow).
    public func delete(_ key: BlobKey) async throws {
        let path = try paths.absolute(key.path)
        try await blocking { [paths] in
            try paths.requireInsideRoot(resolving: path)
            try FileIO.unlinkIfPresent(path)
        }
    }

    /// Key paths of the files whose path starts with `prefix` (a folder like `packages/x/` or any
    /// string prefix), sorted; temporary files of writes in progress are left out.
    public func list(prefix: String) async throws -> [String] {
        let folderPart = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        try BlobPath.validate(folderPart, allowEmpty: true)
        let lastPart = prefix.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard lastPart != ".", lastPart != ".." else { throw FileSystemBlobStoreError.pathOutsideRoot(prefix) }
        let folder = folderPart.isEmpty ? paths.root : paths.root + "/" + folderPart
        return try await blocking { [paths] in
            try paths.requireInsideRoot(resolving: folder)
            return FileIO.filesBelow(folder)
                .filter { !($0.split(separator: "/").last ?? "").hasPrefix(Self.temporaryPrefix) }
                .map { folderPart.isEmpty ? $0 : folderPart + "/" + $0 }
                .filter { $0.hasPrefix(prefix) }
                .sorted()
        }
    }

    /// Names of temporary files start with this; `list` skips them and the sweeper may delete old ones.
    static let temporaryPrefix = ".tmp-"

    private static func temporaryPath(in folder: String) -> String {
        folder + "/" + temporaryPrefix + UUID().uuidString
    }

    /// Creates the destination's folder and checks it did not resolve outside the root.
    private static func prepareFolder(of destination: String, paths: BlobPath) throws -> String {
        let folder = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try paths.requireInsideRoot(resolving: folder)
        return folder
    }

    private func blocking<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}

extension FileSystemBlobStore: ImmediateBlobLocating {
    /// `open(2)` and `fstat(2)`, then the containment check on what was opened (the kernel's own path of the
    /// descriptor), instead of resolving every component first: three calls where nginx makes two. A final
    /// symbolic link, a missing file, anything but a plain file, or one outside the root: nil.
    public func openImmediately(_ key: BlobKey) throws -> OpenedBlob? {
        let path = try paths.absolute(key.path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let opened = FileIO.realPath(ofDescriptor: descriptor), paths.isInsideRoot(canonical: opened) else {
            close(descriptor)
            return nil
        }
        return OpenedBlob(descriptor: descriptor, size: Int64(info.st_size), path: path)
    }
}
