public import Foundation

/// One pushed version of a package, as the metadata store keeps it.
///
/// Everything a read document needs is here, so rendering a package's documents is a pure
/// function of its records. Strings are stored as NuGet writes them on the wire (normalized
/// versions, short framework names, normalized ranges) so stores need no NuGetCore logic.
public struct PackageVersionRecord: Sendable, Equatable, Codable {
    /// The package id as written in this version's nuspec (original case).
    public var id: String
    /// `full(v)`: the normalized version plus `+metadata` when the nuspec had it.
    public var version: String
    /// `norm(v)`: normalized, no metadata. With `lowerID` it is the identity of the version.
    public var normalizedVersion: String
    /// The version exactly as authored in the nuspec (V2's `Version` for SemVer1 packages).
    public var verbatimVersion: String
    public var isPrerelease: Bool
    /// nuget.org's SemVer level: the version or any dependency bound is SemVer 2.0.0.
    public var isSemVer2: Bool
    /// Unlisted versions stay restorable but leave search and V2 listings.
    public var listed: Bool
    public var state: VersionState
    /// When the version was pushed.
    public var created: Date
    /// When the version was last listed (nuget.org's `published`); meaningful only while listed.
    public var published: Date
    /// Last listing change or other edit, if any.
    public var lastEdited: Date?
    public var packageSize: Int64
    /// Base64 SHA-512 of the exact `.nupkg` bytes.
    public var packageHash: String
    public var downloads: Int64
    public var metadata: PackageMetadata
    public var deprecation: PackageDeprecation?
    /// Path (below the catalog root) of the newest catalog leaf about this version; stores set it from the
    /// `CatalogEntry` passed to `publishClaim` and `setListed`. Registration's `catalogEntry.@id` points there.
    public var catalogLeafPath: String?

    /// Creates a record; see the properties for meanings.
    public init(
        id: String, version: String, normalizedVersion: String, verbatimVersion: String,
        isPrerelease: Bool, isSemVer2: Bool, listed: Bool = true, state: VersionState = .available,
        created: Date, published: Date, lastEdited: Date? = nil, packageSize: Int64, packageHash: String,
        downloads: Int64 = 0, metadata: PackageMetadata, deprecation: PackageDeprecation? = nil,
        catalogLeafPath: String? = nil
    ) {
        self.id = id
        self.version = version
        self.normalizedVersion = normalizedVersion
        self.verbatimVersion = verbatimVersion
        self.isPrerelease = isPrerelease
        self.isSemVer2 = isSemVer2
        self.listed = listed
        self.state = state
        self.created = created
        self.published = published
        self.lastEdited = lastEdited
        self.packageSize = packageSize
        self.packageHash = packageHash
        self.downloads = downloads
        self.metadata = metadata
        self.deprecation = deprecation
        self.catalogLeafPath = catalogLeafPath
    }

    /// `lower(id)`: the key of the package registration.
    public var lowerID: String { id.lowercased() }
    /// `lower(norm(v))`: the version segment of flat-container and registration URLs.
    public var lowerVersion: String { normalizedVersion.lowercased() }
    /// The key of this version in stores and caches.
    public var key: PackageVersionKey { PackageVersionKey(lowerID: lowerID, lowerVersion: lowerVersion) }
}

/// Where a version is in its life.
public enum VersionState: String, Sendable, Codable {
    /// Claimed by a push in progress: invisible, but its id+version is taken.
    case pending
    /// Pushed and readable (listed or unlisted).
    case available
    /// Hard-deleted by a site admin: gone from every read path, number never reusable.
    case deleted
}

/// The identity of a package version: lower id and lower normalized version.
public struct PackageVersionKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var lowerID: String
    public var lowerVersion: String
    /// Creates a key from already-lowercased parts.
    public init(lowerID: String, lowerVersion: String) {
        self.lowerID = lowerID
        self.lowerVersion = lowerVersion
    }
    public var description: String { "\(lowerID) \(lowerVersion)" }
}
