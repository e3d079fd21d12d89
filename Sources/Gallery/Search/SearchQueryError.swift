/// A search or autocomplete parameter that cannot be read.
///
/// nuget.org answers malformed `skip`/`take` with 400; the HTTP layer maps these through
/// `galleryError` so the sentence lands in the reason phrase and the body.
public enum SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter is not a whole number (`take=ten`, `skip=1.5`).
    case notAWholeNumber(parameter: String, value: String)
    /// The parameter is below zero.
    case negative(parameter: String)

    /// One sentence for the user, ending with a period.
    public var message: String {
        switch self {
        case .notAWholeNumber(let parameter, let value):
            "The '\(parameter)' parameter must be a whole number, not '\(value.prefix(40))'."
        case .negative(let parameter):
            "The '\(parameter)' parameter must not be negative."
        }
    }

    /// The message.
    public var description: String { message }

    /// The gallery refusal (400) carrying the same sentence.
    public var galleryError: GalleryError { .badRequest(message) }
}
