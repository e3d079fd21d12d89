public import NIOHTTP1

/// What decides a fast answer, read off the request head in one pass.
public struct FastRequest {
    /// GET or HEAD.
    public var method: HTTPMethod
    /// The path (a plain absolute path: no percent-encoding, no dot or empty segments).
    public var path: Substring
    /// The query string after `?` (printable ASCII without `#`; read by `FastQueryString`), nil without `?`.
    /// A responder that does not read queries must return nil for a request that has one.
    public var query: Substring?
    /// `Accept-Encoding`, `If-None-Match` and `X-Request-Id` as HTTPTypes reads them (several fields of one
    /// name joined with ", ").
    public var acceptEncoding: String?
    public var ifNoneMatch: String?
    public var requestID: String?

    public var isHead: Bool { method == .HEAD }

    public init(
        method: HTTPMethod, path: Substring, query: Substring? = nil,
        acceptEncoding: String? = nil, ifNoneMatch: String? = nil, requestID: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.acceptEncoding = acceptEncoding
        self.ifNoneMatch = ifNoneMatch
        self.requestID = requestID
    }

    /// The request when it is a plain keep-alive HTTP/1.1 GET or HEAD without a body (and nothing asking for
    /// more than a plain answer) to a plain path; nil for anything else.
    init?(_ head: HTTPRequestHead) {
        guard head.method == .GET || head.method == .HEAD, head.version == .http1_1,
              let target = Self.plainTarget(head.uri) else { return nil }
        self.init(method: head.method, path: target.path, query: target.query)
        for (name, value) in head.headers {
            switch name.utf8.count {
            case 6 where name.caseInsensitiveEquals("expect"), 7 where name.caseInsensitiveEquals("upgrade"),
                 17 where name.caseInsensitiveEquals("transfer-encoding"):
                return nil
            case 10 where name.caseInsensitiveEquals("connection"):
                if !value.caseInsensitiveEquals("keep-alive") { return nil }
            case 14 where name.caseInsensitiveEquals("content-length"):
                if value != "0" { return nil }
            case 15 where name.caseInsensitiveEquals("accept-encoding"):
                acceptEncoding = acceptEncoding.map { $0 + ", " + value } ?? value
            case 13 where name.caseInsensitiveEquals("if-none-match"):
                ifNoneMatch = ifNoneMatch.map { $0 + ", " + value } ?? value
            case 12 where name.caseInsensitiveEquals("x-request-id"):
                requestID = requestID.map { $0 + ", " + value } ?? value
            default:
                continue
            }
        }
    }

    /// The path and query when the target is a plain absolute path (printable ASCII without fragment,
    /// percent-encoding, backslash, empty or dot segments), then optionally `?` and a query of printable ASCII
    /// without `#` (anything else goes to the router).
    static func plainTarget(_ uri: String) -> (path: Substring, query: Substring?)? {
        guard let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return plainPath(uri[...]).map { ($0, nil) } }
        let query = uri[uri.utf8.index(after: mark)...]
        guard let path = plainPath(uri[..<mark]),
              query.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "#") }) else { return nil }
        return (path, query)
    }

    /// The path when it is a plain absolute path: printable ASCII without query, fragment, percent-encoding,
    /// backslash, empty or dot segments.
    static func plainPath(_ uri: Substring) -> Substring? {
        let bytes = uri.utf8
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var segmentLength = 0
        var segmentDots = 0
        func isPlainSegment() -> Bool {
            segmentLength > 0 && !(segmentDots == segmentLength && segmentLength <= 2)
        }
        for byte in bytes.dropFirst() {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "\\"):
                return nil
            case UInt8(ascii: "/"):
                guard isPlainSegment() else { return nil }
                segmentLength = 0
                segmentDots = 0
            case 0x21...0x7E:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            default:
                return nil
            }
        }
        guard isPlainSegment() else { return nil }
        return uri
    }
}

extension String {
    /// ASCII case-insensitive equality with a lowercase literal.
    func caseInsensitiveEquals(_ lowercase: StaticString) -> Bool {
        guard utf8.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            var index = 0
            for byte in utf8 {
                let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                if folded != expected[index] { return false }
                index += 1
            }
            return true
        }
    }
}
