/// The key-path rules the S3 store applies, the same as the filesystem store's.
///
/// S3 would accept `..` or `//` as literal key characters, but a key that the filesystem store would
/// refuse must be refused here too, so a bug cannot create blobs that only one backend can hold.
enum S3KeyPath {
    /// True for a non-empty relative path of ordinary names: no leading `/`, no empty, `.` or `..`
    /// segment, no backslash, NUL or other control character.
    static func isValid(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        guard !path.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// Checks a list prefix: empty, a valid path, or a valid path ending in `/`. The last part may be
    /// a partial name (`packages/x/2`), but never `.` or `..`.
    static func isValidPrefix(_ prefix: String) -> Bool {
        if prefix.isEmpty { return true }
        return isValid(prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
    }
}
