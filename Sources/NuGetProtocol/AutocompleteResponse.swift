/// The body of a `SearchAutocompleteService` answer (protocol §5, "Autocomplete").
///
/// IDs mode answers `{ "totalHits": n, "data": ["Id1", …] }`; versions mode answers
/// `{ "data": ["1.0.0", …] }` without `totalHits`, and an unknown id gets an empty `data`
/// with status 200 (§12.6).
public struct AutocompleteResponse: Codable, Sendable, Equatable {
    /// Matching ids ignoring `skip`/`take` (IDs mode only; omitted in versions mode).
    public var totalHits: Int?
    /// Package ids (IDs mode) or version strings (versions mode).
    public var data: [String]

    /// Creates a response.
    public init(totalHits: Int?, data: [String]) {
        self.totalHits = totalHits
        self.data = data
    }

    /// An IDs-mode answer.
    public static func ids(totalHits: Int, _ ids: [String]) -> AutocompleteResponse {
        AutocompleteResponse(totalHits: totalHits, data: ids)
    }

    /// A versions-mode answer.
    public static func versions(_ versions: [String]) -> AutocompleteResponse {
        AutocompleteResponse(totalHits: nil, data: versions)
    }
}
