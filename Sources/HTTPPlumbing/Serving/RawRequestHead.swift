import NIOHTTP1

/// Reads an HTTP/1.1 request head off a connection's raw bytes for `RawFastPathHandler`, strictly: whatever it
/// does not fully understand is left to NIO's decoder, which then reads the rest of the connection (issue 13).
///
/// The reader must never disagree with NIO's decoder (llhttp) about where a request ends, or the two would read
/// different requests from the same bytes. So it only ever delimits a request that has no body: a head of
/// CRLF-terminated lines (a bare CR or LF anywhere, a control byte, a folded line, a field name that is not a
/// token, a head over `limit` bytes: `.unusable`), without `Transfer-Encoding`, `Upgrade` or a `Content-Length`
/// other than one `0`, and not CONNECT. Such a request ends at its first empty line for both.
enum RawRequestHead {
    /// What the bytes at the front of a connection are.
    enum Scan {
        /// No empty line yet: wait for more bytes.
        case incomplete
        /// Hand these bytes, and every later one, to NIO's decoder.
        case unusable
        /// A complete request without a body, `length` bytes long; `fast` when the fast path may answer it.
        case request(length: Int, fast: FastRequest?)
    }

    /// Heads longer than this are NIO's to read (it has its own limits and errors).
    static let limit = 8192

    static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
        guard let end = headEnd(bytes) else { return bytes.count >= limit ? .unusable : .incomplete }
        if end < 0 { return .unusable }
        var reader = Reader(bytes: bytes, end: end)
        return reader.read()
    }

    /// The offset just past the head's empty line; nil when it is not there yet; -1 for a bare CR or LF or a
    /// control byte (NIO's to judge).
    private static func headEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = min(bytes.count, limit)
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x7F || byte == 0x09 {
                index += 1
                continue
            }
            guard byte == 0x0D else { return -1 }  // LF without CR, NUL, other controls
            guard index + 1 < bytes.count else { return nil }
            guard bytes[index + 1] == 0x0A else { return -1 }
            if index >= 2 && bytes[index - 2] == 0x0D && bytes[index - 1] == 0x0A { return index + 2 }
            if index == 0 { return -1 }  // an empty line before the request line
            index += 2
        }
        return nil
    }

    /// Reads a complete head (`end` bytes, the last four "\r\n\r\n").
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let end: Int
        var index = 0

        init(bytes: UnsafeRawBufferPointer, end: Int) {
            self.bytes = bytes
            self.end = end
        }

        mutating func read() -> Scan {
            // Request line: method SP target SP HTTP/1.x CRLF.
            let methodStart = index
            while index < end, isToken(bytes[index]) { index += 1 }
            let methodEnd = index
            guard methodEnd > methodStart, methodEnd - methodStart <= 16, index < end, bytes[index] == 0x20 else { return .unusable }
            index += 1
            let targetStart = index
            while index < end, bytes[index] > 0x20, bytes[index] < 0x7F { index += 1 }
            let targetEnd = index
            guard targetEnd > targetStart, index < end, bytes[index] == 0x20 else { return .unusable }
            index += 1
            guard let minor = readVersion() else { return .unusable }
            let method = text(methodStart, methodEnd)
            if method == "CONNECT" { return .unusable }
            let target = (method == "GET" || method == "HEAD") && minor == 1 ? fastTarget(targetStart, targetEnd) : nil
            var fast = target != nil
            var request = FastRequest(method: method == "HEAD" ? .HEAD : .GET, path: "")
            var sawLength = false
            // Field lines: name ":" OWS value OWS CRLF, until the empty line.
            while !(bytes[index] == 0x0D) {
                let nameStart = index
                while index < end, isToken(bytes[index]) { index += 1 }
                let nameEnd = index
                guard nameEnd > nameStart, bytes[index] == UInt8(ascii: ":") else { return .unusable }
                index += 1
                while bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                let valueStart = index
                var plain = true  // printable ASCII only, and no whitespace at its end
                while bytes[index] != 0x0D {
                    if bytes[index] >= 0x80 { plain = false }
                    index += 1
                }
                let valueEnd = index
                index += 2
                if valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { plain = false }
                let field = Field(bytes, nameStart, nameEnd)
                switch field {
                case .transferEncoding, .upgrade:
                    return .unusable
                case .contentLength:
                    guard !sawLength, plain, valueEnd - valueStart == 1, bytes[valueStart] == UInt8(ascii: "0") else { return .unusable }
                    sawLength = true
                case .expect:
                    fast = false
                case .connection:
                    if !(plain && text(valueStart, valueEnd).caseInsensitiveEquals("keep-alive")) { fast = false }
                case .acceptEncoding, .ifNoneMatch, .requestID:
                    guard fast else { continue }
                    guard plain else {
                        fast = false
                        continue
                    }
                    let value = text(valueStart, valueEnd)
                    switch field {
                    case .acceptEncoding: request.acceptEncoding = request.acceptEncoding.map { $0 + ", " + value } ?? value
                    case .ifNoneMatch: request.ifNoneMatch = request.ifNoneMatch.map { $0 + ", " + value } ?? value
                    default: request.requestID = request.requestID.map { $0 + ", " + value } ?? value
                    }
                case .other:
                    continue
                }
            }
            guard fast, let target else { return .request(length: end, fast: nil) }
            request.path = target.path
            request.query = target.query
            return .request(length: end, fast: request)
        }

        /// "HTTP/1.1" or "HTTP/1.0" and the line's end: the minor version.
        private mutating func readVersion() -> Int? {
            let expected: StaticString = "HTTP/1."
            guard end - index >= expected.utf8CodeUnitCount + 3 else { return nil }
            for (offset, byte) in UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount).enumerated()
            where bytes[index + offset] != byte {
                return nil
            }
            index += expected.utf8CodeUnitCount
            let minor = bytes[index]
            guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"), bytes[index + 1] == 0x0D else { return nil }
            index += 3
            return Int(minor - UInt8(ascii: "0"))
        }

        /// The target when the fast path may take it: an absolute path of RFC 3986 path characters (no
        /// percent-encoding) without empty or dot segments, then optionally `?` and a query without `#`, as
        /// `FastRequest.plainTarget` decides it (checked here on the bytes, in the same pass).
        private func fastTarget(_ start: Int, _ end: Int) -> (path: Substring, query: Substring?)? {
            guard bytes[start] == UInt8(ascii: "/") else { return nil }
            var pathEnd = end
            var segmentLength = 0
            var segmentDots = 0
            func isPlainSegment() -> Bool {
                segmentLength > 0 && !(segmentDots == segmentLength && segmentLength <= 2)
            }
            scan: for index in (start + 1)..<end {
                switch bytes[index] {
                case UInt8(ascii: "?"):
                    pathEnd = index
                    break scan
                case UInt8(ascii: "/"):
                    guard isPlainSegment() else { return nil }
                    segmentLength = 0
                    segmentDots = 0
                case UInt8(ascii: "."):
                    segmentLength += 1
                    segmentDots += 1
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
                     UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"),
                     UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
                    segmentLength += 1
                default:
                    return nil
                }
            }
            guard isPlainSegment() else { return nil }
            guard pathEnd < end else { return (Substring(text(start, end)), nil) }
            // The reader's target is printable ASCII already: only a fragment is left to the router.
            guard !bytes[(pathEnd + 1)..<end].contains(UInt8(ascii: "#")) else { return nil }
            let whole = text(start, end)
            let mark = whole.utf8.index(whole.utf8.startIndex, offsetBy: pathEnd - start)
            return (whole[..<mark], whole[whole.utf8.index(after: mark)...])
        }

        private func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// RFC 9110's token characters (methods, field names).
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// The fields the reader looks at (by name, ASCII case-insensitively).
    private enum Field {
        case transferEncoding, upgrade, contentLength, expect, connection, acceptEncoding, ifNoneMatch, requestID, other

        init(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) {
            func named(_ lowercase: StaticString) -> Bool {
                guard end - start == lowercase.utf8CodeUnitCount else { return false }
                for offset in 0..<(end - start) {
                    let byte = bytes[start + offset]
                    let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                    if folded != lowercase.utf8Start[offset] { return false }
                }
                return true
            }
            switch end - start {
            case 6 where named("expect"): self = .expect
            case 7 where named("upgrade"): self = .upgrade
            case 10 where named("connection"): self = .connection
            case 12 where named("x-request-id"): self = .requestID
            case 13 where named("if-none-match"): self = .ifNoneMatch
            case 14 where named("content-length"): self = .contentLength
            case 15 where named("accept-encoding"): self = .acceptEncoding
            case 17 where named("transfer-encoding"): self = .transferEncoding
            default: self = .other
            }
        }
    }
}
