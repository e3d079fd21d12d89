import Foundation

/// A raw deflate stream that inflates to about `count` zero bytes, built in milliseconds without zlib.
///
/// One fixed-Huffman block: a literal 0, then matches of length 258 at distance 1 (13 bits each). Eight
/// matches are exactly 13 bytes, so after a 3-byte prefix the stream is one 13-byte pattern repeated, and
/// 2 GiB of zeros costs ~13 MB of deflate — the shape of a classic zip bomb entry.
enum ZeroDeflate {
    /// Returns the stream and the exact number of bytes it inflates to.
    static func stream(inflatingTo count: Int64) -> (data: Data, inflatedSize: Int64) {
        var prefix = BitWriter()
        prefix.write(1, bits: 1)                  // BFINAL: this is the last block
        prefix.write(0b01, bits: 2)               // BTYPE: fixed Huffman
        prefix.writeHuffman(0b0011_0000, bits: 8) // literal 0x00
        prefix.writeMatch()                       // 11 + 13 = 24 bits: byte-aligned
        var pattern = BitWriter()
        for _ in 0..<8 { pattern.writeMatch() }   // 104 bits = 13 bytes
        let repeats = max(0, (count - 1 - 258) / (258 * 8))
        var data = Data(prefix.bytes)
        data.reserveCapacity(Int(repeats) * 13 + 8)
        let chunk = Data(Array(repeating: pattern.bytes, count: 4096).joined())
        var remaining = Int(repeats)
        while remaining >= 4096 { data.append(chunk); remaining -= 4096 }
        for _ in 0..<remaining { data.append(contentsOf: pattern.bytes) }
        var tail = BitWriter()
        tail.writeHuffman(0, bits: 7)             // end of block (symbol 256)
        data.append(contentsOf: tail.flushed())
        return (data, 1 + 258 + Int64(repeats) * 258 * 8)
    }

    private struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var used = 0

        /// Writes `bits` bits of `value`, least significant first (deflate's header and extra-bit order).
        mutating func write(_ value: UInt32, bits: Int) {
            for index in 0..<bits {
                current |= ((value >> UInt32(index)) & 1) << UInt32(used)
                used += 1
                if used == 8 { bytes.append(UInt8(current)); current = 0; used = 0 }
            }
        }

        /// Writes a Huffman code, most significant bit first.
        mutating func writeHuffman(_ code: UInt32, bits: Int) {
            for index in stride(from: bits - 1, through: 0, by: -1) { write((code >> UInt32(index)) & 1, bits: 1) }
        }

        /// Length 258 (symbol 285, code 11000101, no extra bits) at distance 1 (code 00000).
        mutating func writeMatch() {
            writeHuffman(0b1100_0101, bits: 8)
            writeHuffman(0, bits: 5)
        }

        mutating func flushed() -> [UInt8] {
            if used > 0 { bytes.append(UInt8(current)); current = 0; used = 0 }
            return bytes
        }
    }
}
