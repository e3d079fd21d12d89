/// The document served at a registration leaf's `@id` (protocol §4 "Standalone leaf document").
///
/// Unlike the page item, `catalogEntry` here is the URL of the catalog leaf, not an object.
public struct RegistrationLeafDocument: Codable, Sendable, Equatable {
    /// `@id`: this document's URL.
    public var url: String
    /// `@type`, as nuget.org writes it.
    public var types: [String]
    /// URL of the catalog leaf that described this version last.
    public var catalogEntry: String
    /// Absent means listed; written always.
    public var listed: Bool
    /// The `.nupkg` URL in the flat container.
    public var packageContent: String
    /// ISO 8601; `1900-01-01T00:00:00+00:00` while unlisted.
    public var published: String
    /// The registration index URL, in the same hive.
    public var registration: String

    /// nuget.org's `@type` of a standalone leaf.
    public static let defaultTypes = ["Package", "http://schema.nuget.org/catalog#Permalink"]

    /// Creates a standalone leaf.
    public init(
        url: String, types: [String] = RegistrationLeafDocument.defaultTypes, catalogEntry: String, listed: Bool,
        packageContent: String, published: String, registration: String
    ) {
        self.url = url
        self.types = types
        self.catalogEntry = catalogEntry
        self.listed = listed
        self.packageContent = packageContent
        self.published = published
        self.registration = registration
    }

    enum CodingKeys: String, CodingKey {
        case url = "@id"
        case types = "@type"
        case catalogEntry, listed, packageContent, published, registration
    }
}
