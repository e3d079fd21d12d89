/// A registration index, `{hive}/{lower(id)}/index.json` (protocol §4 "Index").
///
/// `404` on this URL means the package does not exist, so an index always has at least one page.
public struct RegistrationIndex: Codable, Sendable, Equatable {
    /// `@id`: the absolute URL of this index.
    public var url: String
    /// `@type`, as nuget.org writes it.
    public var types: [String]
    /// Number of pages in `items`.
    public var count: Int
    /// Pages, ascending by version; inlined (with leaves) or references (without `items`).
    public var items: [RegistrationPage]

    /// nuget.org's `@type` of a registration index.
    public static let defaultTypes = ["catalog:CatalogRoot", "PackageRegistration", "catalog:Permalink"]

    /// Creates an index; `count` is the number of pages.
    public init(url: String, types: [String] = RegistrationIndex.defaultTypes, items: [RegistrationPage]) {
        self.url = url
        self.types = types
        self.count = items.count
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case types = "@type"
        case count, items
    }
}
