/// The kinds of file a nuspec can point into its own package.
public enum PackageFileKind: String, Sendable {
    /// `<readme>`.
    case readme
    /// `<icon>`.
    case icon
    /// `<license type="file">`.
    case license
    /// `.mcp/server.json`: how to run an MCP server package (found by its fixed path, not named in the nuspec).
    case mcpServer = "MCP server.json"
}

/// Why an uploaded `.nupkg` could not be opened. Nuspec problems are thrown as `NuspecError`.
public enum NupkgError: NuGetCoreError, Equatable {
    /// Not a zip archive (no end-of-central-directory record, or one the reader cannot use).
    case notAZip
    /// A zero-byte upload.
    case empty
    /// No `.nuspec` at the root of the archive.
    case noNuspec
    /// More than one `.nuspec` at the root; nuget.org requires exactly one.
    case multipleNuspecs
    /// An entry path that could extract outside the package folder or is ambiguous (`..`, absolute,
    /// backslash, `//`, drive letter, control characters).
    case unsafeEntryPath(String)
    /// An entry path longer than the limit.
    case entryPathTooLong(String)
    /// Two entries whose paths are equal ignoring case (and a trailing slash).
    case duplicateEntry(String)
    /// A symbolic-link entry; a package holds files only.
    case symlinkEntry(String)
    /// More entries than the limit.
    case tooManyEntries(limit: Int)
    /// One entry inflates past its limit.
    case entryTooLarge(String)
    /// All entries together inflate past the limit.
    case totalTooLarge
    /// The central directory lists entries the file does not contain.
    case truncated
    /// An entry's data does not match its checksum, or cannot be inflated.
    case corruptEntry(String)
    /// The nuspec names a readme, icon or license file that is not in the package.
    case missingFile(kind: PackageFileKind, path: String)
    /// The named readme, icon or license file is larger than its limit.
    case fileTooLarge(kind: PackageFileKind, path: String, limit: Int)

    /// The user-facing sentence.
    public var message: String {
        switch self {
        case .notAZip: return "The package is not a valid zip archive."
        case .empty: return "The package file is empty."
        case .noNuspec: return "The package has no .nuspec file at its root."
        case .multipleNuspecs: return "The package has more than one .nuspec file at its root."
        case .unsafeEntryPath(let path): return "The package contains an entry with an unsafe path '\(clip(path))'."
        case .entryPathTooLong(let path): return "The package contains an entry whose path is too long '\(clip(path))'."
        case .duplicateEntry(let path): return "The package contains duplicate entries for '\(clip(path))'."
        case .symlinkEntry(let path): return "The package contains a symbolic link '\(clip(path))', which is not allowed."
        case .tooManyEntries(let limit): return "The package has more than the limit of \(limit) entries."
        case .entryTooLarge(let path): return "The package entry '\(clip(path))' is larger than the allowed size."
        case .totalTooLarge: return "The package's contents are larger than the allowed total size."
        case .truncated: return "The package's zip archive is truncated or its central directory is damaged."
        case .corruptEntry(let path): return "The package entry '\(clip(path))' is corrupt."
        case .missingFile(let kind, let path):
            return "The \(kind.rawValue) file '\(clip(path))' named in the nuspec does not exist in the package."
        case .fileTooLarge(let kind, let path, let limit):
            return "The \(kind.rawValue) file '\(clip(path))' is larger than the limit of \(limit) bytes."
        }
    }

    private func clip(_ text: String) -> String { NuspecError.clip(text) }
}
