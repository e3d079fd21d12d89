/// Either kind of catalog leaf; decodes by `@type` (a string or an array, per protocol §6).
public enum CatalogLeaf: Codable, Sendable, Equatable {
    case packageDetails(CatalogPackageDetails)
    case packageDelete(CatalogPackageDelete)

    /// The page item's `@type` for this leaf (`nuget:PackageDetails` / `nuget:PackageDelete`).
    public var pageItemType: String {
        switch self {
        case .packageDetails: "nuget:PackageDetails"
        case .packageDelete: "nuget:PackageDelete"
        }
    }

    private enum TypeKey: String, CodingKey {
        case types = "@type"
    }

    /// Decodes a leaf, reading `@type` to pick the kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let types: [String]
        if let list = try? container.decode([String].self, forKey: .types) {
            types = list
        } else {
            types = [try container.decode(String.self, forKey: .types)]
        }
        if types.contains("PackageDelete") {
            self = .packageDelete(try CatalogPackageDelete(from: decoder))
        } else {
            self = .packageDetails(try CatalogPackageDetails(from: decoder))
        }
    }

    /// Encodes the wrapped leaf as itself (no wrapper key).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .packageDetails(let leaf): try leaf.encode(to: encoder)
        case .packageDelete(let leaf): try leaf.encode(to: encoder)
        }
    }
}
