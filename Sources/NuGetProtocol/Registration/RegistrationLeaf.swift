/// One version inside a registration page's `items` (protocol §4 "Leaf object inside a page").
public struct RegistrationLeaf: Codable, Sendable, Equatable {
    /// `@id`: the standalone leaf URL, `{hive}/{lower(id)}/{lower(norm(v))}.json`.
    public var url: String
    /// `@type`: `Package`.
    public var type: String
    /// The version's metadata.
    public var catalogEntry: CatalogEntryDocument
    /// The `.nupkg` URL in the flat container (required by NuGet.Client).
    public var packageContent: String
    /// The registration index URL of the package, in the same hive.
    public var registration: String

    /// Creates a page item.
    public init(url: String, type: String = "Package", catalogEntry: CatalogEntryDocument, packageContent: String, registration: String) {
        self.url = url
        self.type = type
        self.catalogEntry = catalogEntry
        self.packageContent = packageContent
        self.registration = registration
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case type = "@type"
        case catalogEntry, packageContent, registration
    }
}
