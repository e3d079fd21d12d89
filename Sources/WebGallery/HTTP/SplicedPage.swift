import CompressNIO
import NIOCore

/// A piece of a page compressed once and sent many times: its bytes, their raw deflate stream ended by a
/// sync flush (so it stops on a byte boundary and refers to nothing before it), and their CRC-32.
///
/// Deflate blocks may be concatenated: a gzip body made of the page's head compressed now, these stored
/// blocks, and the tail compressed now with the final block is one valid deflate stream (as pigz builds
/// its output from blocks compressed in parallel). So a page that embeds a large list (the API keys page's
/// checkbox per package) compresses the list once, not on every view.
struct DeflatedFragment: Sendable {
    /// The HTML, UTF-8.
    let bytes: ByteBuffer
    /// Raw deflate of `bytes`, ending with a sync flush (no final block).
    let deflated: ByteBuffer
    let crc: UInt32

    init(_ html: String) {
        bytes = ByteBuffer(string: html)
        // An empty fragment adds no block at all.
        deflated = bytes.readableBytes > 0 ? Self.deflate(bytes, final: false) : ByteBuffer()
        crc = bytes.withUnsafeReadableBytes { CRC32.update(0, $0) }
    }

    /// Raw deflate of `input` at zlib's default level: ended by a sync flush, or the final block when `final`.
    static func deflate(_ input: ByteBuffer, final: Bool) -> ByteBuffer {
        var input = input
        // zlib only fails on a bad configuration or without memory; both are programming errors here.
        guard let compressor = try? ZlibCompressor(algorithm: .deflate) else { fatalError("zlib refused its default configuration") }
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        do {
            try compressor.deflate(from: &input, to: &output, flush: final ? .finish : .sync)
        } catch {
            fatalError("deflate into a buffer of deflateBound's size failed: \(error)")
        }
        return output
    }
}

/// A rendered page with pre-compressed fragments in it: `head`, the fragments in order, `tail`.
struct SplicedPage: Sendable {
    let head: String
    let fragments: [DeflatedFragment]
    let tail: String

    /// Splits `rendered` at `marker` (which must come from our own code, never from a visitor's text: Mustache
    /// escapes `<` in every value, so an HTML comment marker cannot be forged) and puts `fragments` there.
    init(rendered: String, marker: String, fragments: [DeflatedFragment]) {
        if let range = rendered.firstRange(of: marker) {
            head = String(rendered[..<range.lowerBound])
            tail = String(rendered[range.upperBound...])
            self.fragments = fragments
        } else {
            head = rendered
            tail = ""
            self.fragments = []
        }
    }

    /// The number of bytes of the page, uncompressed.
    var count: Int { head.utf8.count + fragments.reduce(0) { $0 + $1.bytes.readableBytes } + tail.utf8.count }

    /// The page as it reads.
    func plain() -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        buffer.writeString(head)
        for fragment in fragments { buffer.writeImmutableBuffer(fragment.bytes) }
        buffer.writeString(tail)
        return buffer
    }

    /// One gzip member (RFC 1952) of the page: the same header as `GzipEncoder` (no name, no time), the head's
    /// and tail's deflate made now, the fragments' stored deflate between them, and the CRC-32 of the whole
    /// combined from its parts.
    func gzip() -> ByteBuffer {
        let head = ByteBuffer(string: self.head), tail = ByteBuffer(string: self.tail)
        // Nothing is compressed for an empty part: no block before the fragments, and an empty final block
        // (fixed Huffman, end of block: 03 00, as zlib writes it) after them.
        let headDeflated = head.readableBytes > 0 ? DeflatedFragment.deflate(head, final: false) : ByteBuffer()
        let tailDeflated = tail.readableBytes > 0 ? DeflatedFragment.deflate(tail, final: true) : ByteBuffer(bytes: [0x03, 0x00])
        var size = 18 + headDeflated.readableBytes + tailDeflated.readableBytes
        var crc = Self.crc(head), length = head.readableBytes
        for fragment in fragments {
            size += fragment.deflated.readableBytes
            crc = CRC32.combine(crc, fragment.crc, secondLength: fragment.bytes.readableBytes)
            length += fragment.bytes.readableBytes
        }
        crc = CRC32.combine(crc, Self.crc(tail), secondLength: tail.readableBytes)
        length += tail.readableBytes
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        buffer.writeBytes([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
        buffer.writeImmutableBuffer(headDeflated)
        for fragment in fragments { buffer.writeImmutableBuffer(fragment.deflated) }
        buffer.writeImmutableBuffer(tailDeflated)
        buffer.writeInteger(crc, endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return buffer
    }

    private static func crc(_ buffer: ByteBuffer) -> UInt32 {
        buffer.withUnsafeReadableBytes { CRC32.update(0, $0) }
    }
}
