/// A `field:value` token of nuget.org's search syntax (protocol §5, "Query syntax").
///
/// Field names are case-insensitive (`ID:json` = `id:json`); unknown names are dropped with
/// their value, as nuget.org does (`foo:bar baz` searches `baz`).
public enum SearchField: String, Sendable, CaseIterable {
    /// Substring or token of the id.
    case id
    /// The whole id, case-insensitive.
    case packageID = "packageid"
    /// The package has this version (normalized compare), among the versions the filters keep.
    case version
    case title
    case tags
    /// Matches the nuspec authors (nuget.org spells the field in the singular).
    case author
    case description
    case summary
    /// An account allowed to push the id, exact and case-insensitive.
    case owner

    /// The field for a name as typed, or nil when nuget.org would ignore it.
    public init?(name: Substring) {
        self.init(rawValue: name.lowercased())
    }
}

/// One `field:value` restriction; every restriction must hold (nuget.org ANDs them).
public struct SearchFieldFilter: Sendable, Equatable {
    /// The field, from its case-insensitive name.
    public var field: SearchField
    /// The value as typed, quotes removed.
    public var value: String

    /// Creates a restriction.
    public init(_ field: SearchField, _ value: String) {
        self.field = field
        self.value = value
    }
}
