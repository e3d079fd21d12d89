/// A `PackageDelete` catalog leaf, written when a site admin hard-deletes a version (protocol §6).
public struct CatalogPackageDelete: Codable, Sendable, Equatable {
    /// `@type`: `["PackageDelete", "catalog:Permalink"]`.
    public var types: [String]
    /// `catalog:commitId`.
    public var commitId: String
    /// `catalog:commitTimeStamp`.
    public var commitTimeStamp: String
    public var id: String
    /// nuget.org repeats the id as pushed.
    public var originalId: String
    /// The version as the nuspec wrote it (nuget.org's choice for deletes).
    public var version: String
    /// The deletion time.
    public var published: String

    /// nuget.org's `@type` of a delete leaf.
    public static let defaultTypes = ["PackageDelete", "catalog:Permalink"]

    /// Creates a delete leaf.
    public init(commitId: String, commitTimeStamp: String, id: String, version: String, published: String) {
        self.types = Self.defaultTypes
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.id = id
        self.originalId = id
        self.version = version
        self.published = published
    }

    enum CodingKeys: String, CodingKey {
        case types = "@type"
        case commitId = "catalog:commitId"
        case commitTimeStamp = "catalog:commitTimeStamp"
        case id, originalId, version, published
    }
}
