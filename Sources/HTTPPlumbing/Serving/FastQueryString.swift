/// A fast request's query string read into parameters exactly as Hummingbird's `request.uri.queryParameters`
/// reads it for the router's routes (`URI.queryParameters` in HummingbirdCore), or nil where the two could differ
/// or the request is better left to the router (issue 13).
///
/// Hummingbird splits on `&` (an empty piece between two `&` is a parameter with an empty name and value; a
/// trailing `&` adds nothing), takes the name up to the first `=` as it is (never percent-decoded), and
/// percent-decodes a non-empty value (`+` stays `+`). It keeps an undecodable value as it came, and decodes bytes
/// outside ASCII into a string with replacement characters; here both give nil, so such requests, and queries
/// over `maximumLength` bytes, go to the router, which answers them as before.
public enum FastQueryString {
    /// Longer query strings are the router's (no NuGet client sends one anywhere near this).
    public static let maximumLength = 1024

    /// The parameters of `query` (the target after `?`, printable ASCII without `#`), in order.
    public static func parameters(_ query: Substring) -> [(key: String, value: String)]? {
        let bytes = query.utf8
        guard bytes.count <= maximumLength else { return nil }
        var pieces = bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        var parameters: [(key: String, value: String)] = []
        parameters.reserveCapacity(pieces.count)
        for piece in pieces {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else {
                parameters.append((key: String(Substring(piece)), value: ""))
                continue
            }
            let value = piece[piece.index(after: equals)...]
            guard let decoded = percentDecoded(value) else { return nil }
            parameters.append((key: String(Substring(piece[..<equals])), value: decoded))
        }
        return parameters
    }

    /// `value` percent-decoded, or nil when an escape is incomplete, not hexadecimal, or decodes outside ASCII.
    static func percentDecoded(_ value: Substring.UTF8View.SubSequence) -> String? {
        guard value.contains(UInt8(ascii: "%")) else { return String(Substring(value)) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(value.count)
        var iterator = value.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                decoded.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            let escaped = high << 4 | low
            guard escaped < 0x80 else { return nil }
            decoded.append(escaped)
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
