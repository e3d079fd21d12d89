import Foundation

/// The rules an entry path must follow before anything in the package is trusted.
///
/// nuget.org refuses backslashes, `//` (which makes two names extract to one file), paths that escape the
/// package folder (`..`, absolute, drive letters) and paths past Windows' `MAX_PATH`; clients extract to disk,
/// so a server that accepted these would hand its users a path-traversal archive.
enum NupkgEntryPath {
    /// Throws when `path` is unsafe or too long.
    static func check(_ path: String, maxLength: Int) throws {
        guard !path.isEmpty else { throw NupkgError.unsafeEntryPath(path) }
        if path.count > maxLength { throw NupkgError.entryPathTooLong(path) }
        let isUnsafe = path.hasPrefix("/")
            || path.contains("\\")
            || path.contains("//")
            || path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            || hasDriveLetter(path)
            || path.split(separator: "/", omittingEmptySubsequences: true).contains { $0 == ".." || $0 == "." }
        if isUnsafe { throw NupkgError.unsafeEntryPath(path) }
    }

    /// The key two entries collide on: case-insensitive (Windows and macOS file systems are), trailing slash
    /// of a directory entry ignored.
    static func duplicateKey(_ path: String) -> String {
        var key = path.lowercased()
        if key.hasSuffix("/") { key.removeLast() }
        return key
    }

    /// True for entries at the archive root (no folder).
    static func isAtRoot(_ path: String) -> Bool { !path.contains("/") }

    /// Normalizes a path written in a nuspec (`images\icon.png`, `./README.md`) to an entry path, as NuGet's
    /// `PathUtility.StripLeadingDirectorySeparators` does.
    static func fromNuspec(_ path: String) -> String {
        var normalized = path.replacingOccurrences(of: "\\", with: "/")
        while normalized.hasPrefix("./") { normalized.removeFirst(2) }
        while normalized.hasPrefix("/") { normalized.removeFirst() }
        return normalized
    }

    private static func hasDriveLetter(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        return scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic
    }
}
