public import Foundation

/// The layout of a data folder on the embedded default.
public struct DataDirectory: Sendable {
    public let root: String

    /// Uses `path` (created when missing) as the data folder.
    public init(_ path: String) throws {
        root = URL(fileURLWithPath: path).standardizedFileURL.path
        for folder in [root, blobs, temporary] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// The SQLite database file.
    public var database: String { root + "/pallet.sqlite" }
    /// The blob folder (packages and rendered documents), servable by nginx as-is.
    public var blobs: String { root + "/blobs" }
    /// Upload temp files; inside the data folder so publishing a package is a rename, not a copy.
    public var temporary: String { root + "/blobs/.uploads" }
}
