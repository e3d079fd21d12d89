/// Why a string is not a valid NuGet version range (NuGet.Versioning `VersionRange.TryParse` rules).
public enum VersionRangeError: NuGetCoreError, Equatable {
    /// Brackets, commas or bounds are not arranged as NuGet's grammar requires (`(1.0)`, `[1.0`, `(,)`).
    case invalidSyntax(String)
    /// A bound is not a valid version (the bound text is attached).
    case invalidBound(String, bound: String)
    /// A floating bound (`1.*`, `1.0.0-*`) is malformed, or floats where NuGet forbids it.
    case invalidFloat(String, bound: String)
    /// The minimum is above the maximum, or equal to it with only one side inclusive.
    case minAboveMax(String)

    public var message: String {
        switch self {
        case .invalidSyntax(let text):
            return "\(Self.quote(text)) is not a valid version range."
        case .invalidBound(let text, let bound):
            return "\(Self.quote(text)) is not a valid version range: \(Self.quote(bound)) is not a valid version."
        case .invalidFloat(let text, let bound):
            return "\(Self.quote(text)) is not a valid version range: \(Self.quote(bound)) is not a valid floating version."
        case .minAboveMax(let text):
            return "\(Self.quote(text)) is not a valid version range: the minimum version is above the maximum."
        }
    }

    private static func quote(_ text: String) -> String {
        "'" + (text.count > 100 ? String(text.prefix(100)) + "…" : text) + "'"
    }
}
