import Foundation

/// A package-id glob of an API key: `*` matches any run of characters, everything else literally,
/// case-insensitively (`Contoso.*` covers ids created later under that prefix).
public struct GlobPattern: Sendable, Equatable {
    let parts: [Substring]

    /// Parses a pattern.
    public init(_ pattern: String) {
        parts = pattern.lowercased().split(separator: "*", omittingEmptySubsequences: false)
    }

    /// Whether an id (any case) matches.
    public func matches(_ id: String) -> Bool {
        let text = id.lowercased()
        guard parts.count > 1 else { return text == parts.first.map(String.init) }
        guard text.hasPrefix(parts[0]), text.dropFirst(parts[0].count).count >= parts.last!.count,
              text.hasSuffix(parts.last!) else { return false }
        var rest = text.dropFirst(parts[0].count).dropLast(parts.last!.count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
