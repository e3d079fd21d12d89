import Foundation
import Gallery
import Testing

/// Decoded JSON for golden-shape assertions: documents are read back with `JSONSerialization`, as a
/// client would, not with our own `Decodable` types.
typealias JSONObject = [String: Any]

enum JSONTree {
    /// Decodes a document body as an object.
    static func object(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
        let value = try JSONSerialization.jsonObject(with: data)
        return try #require(value as? JSONObject, sourceLocation: sourceLocation)
    }

    /// The document at `path` in a rendered set, decoded.
    static func document(
        _ path: String, in documents: [RenderedDocument], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONObject {
        let document = try #require(documents.first { $0.path == path }, "no document at \(path)", sourceLocation: sourceLocation)
        return try object(document.body, sourceLocation: sourceLocation)
    }

    /// Every string value in a JSON tree whose key is one of `keys`, with its key.
    static func strings(forKeys keys: Set<String>, in value: Any) -> [(key: String, value: String)] {
        var found: [(key: String, value: String)] = []
        func walk(_ value: Any) {
            if let object = value as? JSONObject {
                for (key, child) in object {
                    if keys.contains(key), let text = child as? String { found.append((key, text)) }
                    walk(child)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(value)
        return found
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested object.
    func object(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
        try #require(self[key] as? JSONObject, "\(key) is not an object", sourceLocation: sourceLocation)
    }

    /// A nested array of objects.
    func objects(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONObject] {
        try #require(self[key] as? [JSONObject], "\(key) is not an array of objects", sourceLocation: sourceLocation)
    }

    /// A string value.
    func string(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(self[key] as? String, "\(key) is not a string", sourceLocation: sourceLocation)
    }
}
