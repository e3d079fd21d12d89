/// A catalog page, `catalog/page{N}.json` (protocol §6).
public struct CatalogPage: Codable, Sendable, Equatable {
    /// `@id`: this page's URL.
    public var url: String
    /// `@type`: `CatalogPage`.
    public var type: String
    /// Commit id of the newest item.
    public var commitId: String
    /// Commit time of the newest item.
    public var commitTimeStamp: String
    /// Number of items.
    public var count: Int
    /// The catalog index URL.
    public var parent: String
    /// The items, oldest first.
    public var items: [CatalogPageItem]

    /// Creates a page; `count` is the number of items.
    public init(
        url: String, type: String = "CatalogPage", commitId: String, commitTimeStamp: String, parent: String,
        items: [CatalogPageItem]
    ) {
        self.url = url
        self.type = type
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.count = items.count
        self.parent = parent
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case commitId, commitTimeStamp, count, parent, items
    }
}

/// One catalog item on a page: a pointer to a leaf plus what a reader needs to filter without fetching it.
public struct CatalogPageItem: Codable, Sendable, Equatable {
    /// `@id`: the leaf URL.
    public var url: String
    /// `@type`: `nuget:PackageDetails` or `nuget:PackageDelete`.
    public var type: String
    public var commitId: String
    public var commitTimeStamp: String
    /// `nuget:id`: the package id.
    public var packageID: String
    /// `nuget:version`: the version as in the leaf.
    public var packageVersion: String

    /// Creates a page item.
    public init(url: String, type: String, commitId: String, commitTimeStamp: String, packageID: String, packageVersion: String) {
        self.url = url
        self.type = type
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.packageID = packageID
        self.packageVersion = packageVersion
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case commitId, commitTimeStamp
        case packageID = "nuget:id"
        case packageVersion = "nuget:version"
    }
}
