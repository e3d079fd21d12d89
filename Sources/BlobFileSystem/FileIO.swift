import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking POSIX calls of the filesystem blob store, with `errno` turned into errors.
/// Callers run these on a thread pool.
enum FileIO {
    /// Renames over `destination` (atomic replace). Returns false when the two paths are on different filesystems.
    static func rename(_ source: String, to destination: String) throws -> Bool {
        if systemRename(source, destination) == 0 { return true }
        if errno == EXDEV { return false }
        throw failure("rename", source)
    }

    /// Writes `data` to a new file and, when `durable`, flushes it to disk.
    static func write(_ data: Data, to path: String, durable: Bool = true) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create", path) }
        defer { close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", path)
                }
                offset += written
            }
        }
        guard !durable || fsync(fd) == 0 else { throw failure("flush", path) }
    }

    /// Flushes an existing file to disk (before it is renamed into place).
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("flush", path) }
    }

    /// Copies a file (the cross-filesystem fallback of a move), flushed to disk.
    static func copy(_ source: String, to destination: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        try sync(destination)
    }

    /// The whole file, or nil when absent.
    static func read(_ path: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("open", path)
        }
        return try FileHandle(fileDescriptor: fd, closeOnDealloc: true).readToEnd() ?? Data()
    }

    /// The size of a regular file, or nil when absent (or not a regular file).
    /// The canonical absolute path (symbolic links resolved), or nil with `errno` set.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The canonical path of an open file: Linux's `/proc/self/fd` link (one readlink); nil elsewhere, and
    /// callers then leave the file to the ordinary path.
    static func realPath(ofDescriptor descriptor: Int32) -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        buffer[length] = 0
        return String(cString: buffer)
        #else
        return nil
        #endif
    }

    static func regularFileSize(_ path: String) throws -> Int64? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("inspect", path)
        }
        return (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
    }

    /// Removes a file; absent is fine.
    static func unlinkIfPresent(_ path: String) throws {
        if unlink(path) != 0, errno != ENOENT, errno != ENOTDIR {
            throw failure("delete", path)
        }
    }

    /// Best-effort removal when cleaning up after another failure.
    static func removeIfPresent(_ path: String) {
        _ = unlink(path)
    }

    /// Paths of regular files below `folder`, relative to it; empty when the folder is absent.
    static func filesBelow(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                files.append(relative)
            }
        }
        return files
    }

    private static func failure(_ operation: String, _ path: String) -> FileSystemBlobStoreError {
        .io(operation: operation, path: path, errno: errno)
    }
}

#if canImport(Glibc) || canImport(Musl)
private let systemRename = Glibc.rename
private let systemWrite = Glibc.write
#else
private let systemRename = Darwin.rename
private let systemWrite = Darwin.write
#endif
