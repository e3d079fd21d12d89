/// The catalog root, `catalog/index.json` (protocol §6).
public struct CatalogIndex: Codable, Sendable, Equatable {
    /// `@id`: this document's URL.
    public var url: String
    /// `@type`, as nuget.org writes it.
    public var types: [String]
    /// Commit id of the newest commit.
    public var commitId: String
    /// Time of the newest commit; catalog readers compare their cursor against it.
    public var commitTimeStamp: String
    /// Number of pages.
    public var count: Int
    /// Page references (leaves are never inlined here).
    public var items: [CatalogIndexItem]

    /// nuget.org's `@type` of the catalog root.
    public static let defaultTypes = ["CatalogRoot", "AppendOnlyCatalog", "Permalink"]

    /// Creates the index; `count` is the number of pages.
    public init(
        url: String, types: [String] = CatalogIndex.defaultTypes, commitId: String, commitTimeStamp: String,
        items: [CatalogIndexItem]
    ) {
        self.url = url
        self.types = types
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.count = items.count
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case types = "@type"
        case commitId, commitTimeStamp, count, items
    }
}

/// A page reference in the catalog index.
public struct CatalogIndexItem: Codable, Sendable, Equatable {
    /// `@id`: the page URL.
    public var url: String
    /// `@type`: `CatalogPage`.
    public var type: String
    /// Commit id of the newest item on the page.
    public var commitId: String
    /// Commit time of the newest item on the page.
    public var commitTimeStamp: String
    /// Number of items on the page.
    public var count: Int

    /// Creates a page reference.
    public init(url: String, type: String = "CatalogPage", commitId: String, commitTimeStamp: String, count: Int) {
        self.url = url
        self.type = type
        self.commitId = commitId
        self.commitTimeStamp = commitTimeStamp
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case commitId, commitTimeStamp, count
    }
}
