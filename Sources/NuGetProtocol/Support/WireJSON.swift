public import Foundation

/// The one JSON encoder every V3 document goes through.
///
/// Keys are sorted. Two reasons: Foundation's `JSONEncoder` on Linux writes keyed containers in hash
/// order, which changes from process to process, so an unsorted body (and its ETag) would differ between
/// nodes and between renders of the same rows; and nuget.org's documents come out of JSON-LD compaction,
/// which also orders keys alphabetically (`@id`, `@type`, `authors`, …). Slashes are not escaped, so URLs
/// read as nuget.org writes them.
public enum WireJSON {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let decoder = JSONDecoder()

    /// Encodes a wire document.
    ///
    /// Wire types hold only strings, booleans, integers, arrays and nested wire types, none of which
    /// `JSONEncoder` can refuse (it throws only for non-finite floating-point values), so this cannot fail.
    public static func encode(_ value: some Encodable) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            preconditionFailure("A NuGet wire document failed to encode: \(error)")
        }
    }

    /// Decodes a wire document (used by mirrors and tests).
    public static func decode<Document: Decodable>(_ type: Document.Type, from data: Data) throws -> Document {
        try decoder.decode(type, from: data)
    }
}
