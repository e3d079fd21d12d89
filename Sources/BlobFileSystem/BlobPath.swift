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
    /// `root` as realpath(3) resolves it (for `requireInsideRootQuickly`), computed once.
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
        guard !keyPath.hasPrefix("/"), !keyPath.contains("\\"), !keyPath.contains("\0") else {
            throw FileSystemBlobStoreError.pathOutsideRoot(keyPath)
        }
        for segment in keyPath.split(separator: "/", omittingEmptySubsequences: false)
        where segment.isEmpty || segment == "." || segment == ".." {
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
    /// `requireInsideRoot(resolving:)` with one realpath(3) call instead of Foundation's component-by-component
    /// walk, for the event loop: false when the file is absent; throws when it resolves outside the root.
    func requireInsideRootQuickly(resolving path: String) throws -> Bool {
        guard let realRoot else { throw FileSystemBlobStoreError.pathOutsideRoot(path) }
        guard let resolved = FileIO.realPath(path) else {
            if errno == ENOENT || errno == ENOTDIR { return false }
            throw FileSystemBlobStoreError.io(operation: "resolve", path: path, errno: errno)
        }
        guard resolved == realRoot || resolved.hasPrefix(realRoot + "/") else {
            throw FileSystemBlobStoreError.pathOutsideRoot(path)
        }
        return true
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
