/// Why a string is not a valid NuGet version (NuGet.Versioning `NuGetVersion.TryParse` rules).
///
/// Every case carries the trimmed input so the message can quote it.
public enum NuGetVersionError: NuGetCoreError, Equatable {
    /// Nothing but whitespace.
    case empty
    /// More than four numeric parts (`1.2.3.4.5`).
    case tooManyParts(String)
    /// A numeric part is empty or not made of digits (`1..0`, `1.x`, `v1.0`).
    case invalidNumericPart(String, part: String)
    /// A numeric part does not fit a 32-bit signed integer, as `System.Version` requires.
    case numericPartTooLarge(String, part: String)
    /// The release label, or one of its dot-separated identifiers, is empty (`1.0.0-`, `1.0.0-a..b`).
    case emptyReleaseLabel(String)
    /// A release identifier holds a character other than `[0-9A-Za-z-]`.
    case invalidReleaseLabel(String, label: String)
    /// A numeric release identifier starts with `0` (`1.0.0-rc.01`), forbidden by SemVer 2.0.0.
    case leadingZeroInReleaseLabel(String, label: String)
    /// The build metadata, or one of its dot-separated identifiers, is empty (`1.0.0+`).
    case emptyMetadata(String)
    /// A metadata identifier holds a character other than `[0-9A-Za-z-]`.
    case invalidMetadata(String, part: String)

    public var message: String {
        switch self {
        case .empty:
            return "The version must not be empty."
        case .tooManyParts(let text):
            return Self.prefix(text) + "it has more than four numeric parts."
        case .invalidNumericPart(let text, let part):
            return part.isEmpty
                ? Self.prefix(text) + "it has an empty numeric part."
                : Self.prefix(text) + "'\(part)' is not a non-negative whole number."
        case .numericPartTooLarge(let text, let part):
            return Self.prefix(text) + "'\(part)' is larger than \(Int32.max)."
        case .emptyReleaseLabel(let text):
            return Self.prefix(text) + "the release label has an empty part."
        case .invalidReleaseLabel(let text, let label):
            return Self.prefix(text) + "release label '\(label)' may only contain letters, digits and '-'."
        case .leadingZeroInReleaseLabel(let text, let label):
            return Self.prefix(text) + "numeric release label '\(label)' has a leading zero."
        case .emptyMetadata(let text):
            return Self.prefix(text) + "the build metadata has an empty part."
        case .invalidMetadata(let text, let part):
            return Self.prefix(text) + "build metadata '\(part)' may only contain letters, digits and '-'."
        }
    }

    private static func prefix(_ text: String) -> String {
        // Versions are short in practice; cap what we echo so a hostile nuspec can't bloat the reason phrase.
        let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return "'\(shown)' is not a valid NuGet version: "
    }
}
