/// A NuGet package ID: the original spelling plus its case-insensitive identity.
///
/// IDs are case-insensitive everywhere in NuGet (`Foo` and `foo` are one package), so equality,
/// hashing and ordering use the lowercase form; ``original`` keeps the author's casing for display.
public struct PackageID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The longest ID nuget.org and the client accept (`PackageIdValidator.MaxPackageIdLength`).
    public static let maxLength = 100

    /// The ID as authored, case kept.
    public let original: String

    /// The ASCII-lowercased ID, used in URLs and as the storage key ("lower id").
    public let lowercased: String

    /// Validates `text` against nuget.org's rule `^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*$`, max 100 characters.
    ///
    /// Nothing is trimmed: `" a"` is invalid, as it is on nuget.org.
    /// - Throws: ``PackageIDError``.
    public init(validating text: String) throws {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { throw PackageIDError.empty }
        // Every valid character is ASCII, so a longer UTF-8 count can only mean "too long" or "invalid";
        // report the length in characters, which is what a user counts.
        if utf8.count > Self.maxLength {
            let length = text.count
            if length > Self.maxLength { throw PackageIDError.tooLong(length: length) }
            throw PackageIDError.invalidCharacters(text)
        }
        if text == "$id$" { throw PackageIDError.unreplacedToken }
        guard Self.isValid(utf8) else { throw PackageIDError.invalidCharacters(text) }
        self.original = text
        self.lowercased = Self.asciiLowercased(text)
    }

    /// True if `text` would be accepted by ``init(validating:)``.
    public static func isValid(_ text: String) -> Bool {
        (try? PackageID(validating: text)) != nil
    }

    public var description: String { original }

    public static func == (lhs: PackageID, rhs: PackageID) -> Bool { lhs.lowercased == rhs.lowercased }
    public func hash(into hasher: inout Hasher) { hasher.combine(lowercased) }
    public static func < (lhs: PackageID, rhs: PackageID) -> Bool { lhs.lowercased < rhs.lowercased }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(validating: container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(original)
    }

    /// Runs the nuget.org grammar over the bytes: word characters, single `.`/`-` separators,
    /// no separator at either end.
    private static func isValid(_ utf8: String.UTF8View) -> Bool {
        var previousWasSeparator = true  // the ID may not start with a separator
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                previousWasSeparator = false
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                if previousWasSeparator { return false }
                previousWasSeparator = true
            default:
                return false
            }
        }
        return !previousWasSeparator
    }

    /// Lowercases ASCII letters only: IDs are ASCII, and nuget.org refuses Unicode case tricks.
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text }
        return String(decoding: text.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
