import Foundation

/// Turns blob key paths into absolute paths inside a root folder, refusing anything that could escape it.
///
/// Keys come from `BlobKey`, whose parts come from validated package ids and versions, but the store
/// checks again (style guide §3): an absolute path, a `..` or `.` segment, an empty segment, a backslash
/// or a NUL byte is refused before any file call.
struct BlobPath: Sendable {
    /// The root folder, absolute, standardized and without a trailing slash.
    let root: String
    /// `root` with symbolic links resolved, computed once.
    private let resolvedRoot: String
    /// `root` as realpath(3) resolves it (for `isInsideRoot(canonical:)`), computed once.
    private let realRoot: String?

    /// Creates the root folder when missing.
    init(root: String) throws {
        var path = URL(fileURLWithPath: root).standardizedFileURL.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.root = path
        self.resolvedRoot = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        self.realRoot = FileIO.realPath(path)
    }

    /// The absolute path of a key path (`packages/x/1.0.0/x.1.0.0.nupkg`).
    func absolute(_ keyPath: String) throws -> String {
        try Self.validate(keyPath, allowEmpty: false)
        return root + "/" + keyPath
    }

    /// Refuses a path that is not a plain relative path made of ordinary names.
    static func validate(_ keyPath: String, allowEmpty: Bool) throws {
        if keyPath.isEmpty {
            if allowEmpty { return }
            throw FileSystemBlobStoreError.pathOutsideRoot(keyPath)
        }
        // One pass over the bytes (a download's path is checked on the event loop): no leading slash, no
        // backslash or NUL, no empty, `.` or `..` segment.
        var segmentLength = 0
        var segmentDots = 0
        for byte in keyPath.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), 0:
                throw FileSystemBlobStoreError.pathOutsideRoot(keyPath)
            case UInt8(ascii: "/"):
                guard segmentLength > 0, !(segmentDots == segmentLength && segmentLength <= 2) else {
                    throw FileSystemBlobStoreError.pathOutsideRoot(keyPath)
                }
                segmentLength = 0
                segmentDots = 0
            default:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            }
        }
        guard segmentLength > 0, !(segmentDots == segmentLength && segmentLength <= 2) else {
            throw FileSystemBlobStoreError.pathOutsideRoot(keyPath)
        }
    }

    /// Refuses a resolved path that left the root through a symbolic link inside it.
    func requireInsideRoot(resolving path: String) throws {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
            throw FileSystemBlobStoreError.pathOutsideRoot(path)
        }
    }
}

extension BlobPath {
    /// Whether a canonical path (symbolic links resolved) lies inside the root (realpath(3) of the root).
    func isInsideRoot(canonical path: String) -> Bool {
        guard let realRoot else { return false }
        return path == realRoot || path.hasPrefix(realRoot + "/")
    }
}

/// Why the filesystem blob store refused a call.
public enum FileSystemBlobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key path is absolute, contains `..`, or resolves outside the store's root.
    case pathOutsideRoot(String)
    /// A file operation failed (`errno` and the operation).
    case io(operation: String, path: String, errno: Int32)

    /// The message for logs.
    public var description: String {
        switch self {
        case .pathOutsideRoot(let path): "The blob path '\(path)' is outside the blob store."
        case .io(let operation, let path, let code): "Could not \(operation) '\(path)' (errno \(code))."
        }
    }
}
