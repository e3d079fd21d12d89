public import Foundation

/// One item of the append-only catalog (protocol §6): a snapshot of a version after a change.
public struct CatalogEntry: Sendable, Equatable, Codable {
    /// `PackageDetails` on push, unlist, relist and deprecation; `PackageDelete` on hard delete.
    public enum Kind: String, Sendable, Codable {
        case packageDetails = "PackageDetails"
        case packageDelete = "PackageDelete"
    }

    /// Position in the log, assigned by the store (0-based, dense). Pages hold `CatalogEntry.pageSize` items.
    public var sequence: Int64
    public var kind: Kind
    public var commitID: String
    public var commitTimeStamp: Date
    /// Package id as pushed.
    public var id: String
    /// `full(v)`.
    public var version: String
    /// Path of the leaf document, relative to the catalog root (`data/2025.01.02.03.04.05/x.1.0.0.json`).
    public var leafPath: String
    /// The leaf document itself, rendered at commit time (leaves are immutable snapshots).
    public var leafJSON: Data

    /// nuget.org keeps at most 550 items per catalog page.
    public static let pageSize: Int64 = 550

    /// Creates an entry; `sequence` is replaced by the store on append.
    public init(
        sequence: Int64 = -1, kind: Kind, commitID: String, commitTimeStamp: Date, id: String,
        version: String, leafPath: String, leafJSON: Data
    ) {
        self.sequence = sequence
        self.kind = kind
        self.commitID = commitID
        self.commitTimeStamp = commitTimeStamp
        self.id = id
        self.version = version
        self.leafPath = leafPath
        self.leafJSON = leafJSON
    }

    /// The page this entry lives on.
    public var page: Int64 { sequence / Self.pageSize }
}
