/// An HTTP request as Signature Version 4 sees it: the parts that are signed, before encoding.
///
/// The wire URL is built from the same encoded path and query the signature covers
/// (`encodedPath`, `canonicalQuery`), so what is sent is exactly what was signed.
public struct SigV4Request: Sendable, Equatable {
    /// `GET`, `PUT`, …
    public var method: String
    /// `http` or `https`.
    public var scheme: String
    /// The `Host` header value: the host, plus `:port` when it is not the scheme's default.
    public var host: String
    /// The path, not yet percent-encoded (`/bucket/test$file.text`).
    public var path: String
    /// Query parameters, not yet percent-encoded; a valueless one (`?lifecycle`) has an empty value.
    public var query: [QueryParameter]
    /// Headers to send and sign (besides `host`, which is always signed).
    public var headers: [Header]

    /// One query parameter.
    public struct QueryParameter: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String = "") { (self.name, self.value) = (name, value) }
    }

    /// One header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { (self.name, self.value) = (name, value) }
    }

    /// Creates a request; `path` must start with `/`.
    public init(method: String, scheme: String = "https", host: String, path: String, query: [QueryParameter] = [], headers: [Header] = []) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
    }

    /// The path with each segment encoded by S3's rules (encoded once, `/` kept).
    public var encodedPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { SigV4Encoding.encode(String($0)) }
            .joined(separator: "/")
    }

    /// Names and values encoded (including `/`), sorted by name then value, joined with `&`.
    public var canonicalQuery: String {
        query.map { (SigV4Encoding.encode($0.name), SigV4Encoding.encode($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The URL to send, built from the signed encodings.
    public var url: String {
        let query = canonicalQuery
        return "\(scheme)://\(host)\(encodedPath)\(query.isEmpty ? "" : "?" + query)"
    }

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// SigV4's URI encoding: every byte except `A–Z a–z 0–9 - _ . ~` as `%XX` in upper-case hex.
enum SigV4Encoding {
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
