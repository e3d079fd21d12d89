public import NIOCore
public import NIOHTTP1

/// A fast answer's response head as NIO's `HTTPResponseEncoder` writes it, encoded once (issue 13): the status
/// line and the fixed fields before the per-request ones, and whatever the encoder's framing puts after them.
///
/// On the wire every fast answer is `before`, then `X-Request-Id`, `Date` and `Server` (added per request, in
/// that order, as the ordinary path adds them), then `after` (ending with the empty line). Everything about
/// framing is decided here the way the encoder decides it, from the status and the fields: a status without a
/// body (1xx, 204, 304) loses `Content-Length` and `Transfer-Encoding`; any other keeps `Content-Length` and drops
/// `Transfer-Encoding`, or without a length is sent chunked (`Transfer-Encoding: chunked` appended after the
/// per-request fields, and a body, empty or not, framed as chunks: an `X-Accel-Redirect` answer is one).
/// `FastPathTests` compares the results with the router's answers byte for byte.
public struct WireHead: Sendable {
    /// The status line and the fields before the per-request ones.
    public let before: ByteBuffer
    /// The fields after the per-request ones and the empty line.
    public let after: ByteBuffer
    /// The body goes out in chunks (only on a GET: the encoder sends no body, not even the last chunk, to a HEAD).
    public let isChunked: Bool

    /// Encodes `head` (without the per-request fields).
    public init(_ head: HTTPResponseHead) {
        var fields = head.headers
        let marker = "\u{0}"
        fields.add(name: Self.requestIDName, value: marker)
        fields.add(name: Self.dateName, value: marker)
        // The same calls as the encoder's `correctlyFrameTransportHeaders` (with automatic framing, its default).
        if !head.status.mayHaveResponseBody {
            fields.remove(name: "content-length")
            fields.remove(name: "transfer-encoding")
            isChunked = false
        } else if fields.contains(name: "content-length") {
            fields.remove(name: "transfer-encoding")
            isChunked = false
        } else if head.version.major == 1 && head.version.minor >= 1 {
            fields.replaceOrAdd(name: "transfer-encoding", value: "chunked")
            isChunked = true
        } else {
            isChunked = false
        }
        var before = ByteBuffer()
        before.writeString("HTTP/\(head.version.major).\(head.version.minor) \(head.status.code) \(head.status.reasonPhrase)\r\n")
        var after = ByteBuffer()
        var seenMarkers = 0
        for (name, value) in fields {
            if value == marker {
                seenMarkers += 1
                continue
            }
            // Server goes between Date and the rest; fields the framing appended come after it.
            if seenMarkers == 0 { before.writeString("\(name): \(value)\r\n") } else { after.writeString("\(name): \(value)\r\n") }
        }
        after.writeStaticString("\r\n")
        self.before = before
        self.after = after
    }

    // Placeholders only: where the per-request fields go.
    static let requestIDName = "X-Request-Id"
    static let dateName = "Date"

    /// The whole head of one answer: `before`, the request id (`requestID`, or a new one), `Date`, `Server`, `after`.
    /// Returns where the request id is in `buffer`.
    ///
    /// Written in one reservation of the buffer's bytes: a dozen small writes, each a checked access to the
    /// buffer's storage, showed in the fast path's profile.
    @discardableResult
    func write(into buffer: inout ByteBuffer, requestID: String?, date: String, server: String?) -> Range<Int> {
        let idLength = requestID?.utf8.count ?? FastRequestID.length
        let serverLength = server.map { Self.serverPrefix.utf8CodeUnitCount + $0.utf8.count + 2 } ?? 0
        let total = before.readableBytes + Self.requestIDPrefix.utf8CodeUnitCount + idLength + Self.datePrefix.utf8CodeUnitCount
            + date.utf8.count + 2 + serverLength + after.readableBytes
        let idStart = buffer.writerIndex + before.readableBytes + Self.requestIDPrefix.utf8CodeUnitCount
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: total) { out in
            var writer = RawWriter(out)
            before.withUnsafeReadableBytes { writer.copy($0) }
            writer.copy(Self.requestIDPrefix)
            if let requestID {
                writer.copy(requestID)
            } else {
                writer.offset += FastRequestID.write(into: UnsafeMutableRawBufferPointer(rebasing: out[writer.offset...]))
            }
            writer.copy(Self.datePrefix)
            writer.copy(date)
            writer.copy("\r\n")
            if let server {
                writer.copy(Self.serverPrefix)
                writer.copy(server)
                writer.copy("\r\n")
            }
            after.withUnsafeReadableBytes { writer.copy($0) }
            return writer.offset
        }
        return idStart..<(idStart + idLength)
    }

    /// Copies into reserved bytes (a struct on the stack: nothing captured, so no access to check at run time).
    private struct RawWriter {
        let out: UnsafeMutableRawBufferPointer
        var offset = 0

        init(_ out: UnsafeMutableRawBufferPointer) {
            self.out = out
        }

        mutating func copy(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            (out.baseAddress! + offset).copyMemory(from: base, byteCount: bytes.count)
            offset += bytes.count
        }

        mutating func copy(_ text: StaticString) {
            copy(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func copy(_ text: String) {
            var text = text
            text.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
        }
    }

    private static let requestIDPrefix: StaticString = "X-Request-Id: "
    private static let datePrefix: StaticString = "\r\nDate: "
    private static let serverPrefix: StaticString = "Server: "
}
