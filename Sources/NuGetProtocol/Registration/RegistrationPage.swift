/// A registration page, inline in the index or fetched from its own URL (protocol §4 "Page object").
///
/// NuGet.Client parses `lower` and `upper` with `NuGetVersion.Parse` (an invalid value crashes it) and
/// fetches `@id` only when `items` is absent and `[lower, upper]` can intersect the range it needs.
public struct RegistrationPage: Codable, Sendable, Equatable {
    /// `@id`: the page URL (`…/page/{lower}/{upper}.json`, or `…/index.json#page/{lower}/{upper}` when inlined).
    public var url: String
    /// `@type`: `catalog:CatalogPage`.
    public var type: String
    /// Number of leaves in this page, also when `items` is omitted.
    public var count: Int
    /// The leaves, ascending; nil in an index that does not inline its pages.
    public var items: [RegistrationLeaf]?
    /// Lowest normalized version in the page (inclusive).
    public var lower: String
    /// Highest normalized version in the page (inclusive).
    public var upper: String
    /// The index URL; required on fetched pages, nuget.org also writes it on inlined ones.
    public var parent: String?

    /// Creates a page; `count` is given so a page reference without `items` still carries it.
    public init(
        url: String, type: String = "catalog:CatalogPage", count: Int, items: [RegistrationLeaf]?,
        lower: String, upper: String, parent: String?
    ) {
        self.url = url
        self.type = type
        self.count = count
        self.items = items
        self.lower = lower
        self.upper = upper
        self.parent = parent
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case count, items, lower, upper, parent
    }
}
