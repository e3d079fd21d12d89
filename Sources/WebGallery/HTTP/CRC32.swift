/// CRC-32 as gzip's trailer needs it (RFC 1952: the reflected polynomial 0xEDB88320, zlib's `crc32`), and the
/// combination of two checksums without the bytes (zlib's `crc32_combine`), so a page spliced from pieces
/// compressed earlier (`SplicedPage`) gets its trailer from the pieces' stored checksums.
enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        return crc
    }

    /// `crc` (the checksum of the bytes before) continued over `bytes`; start with 0.
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// The checksum of A followed by B, from A's checksum, B's checksum and B's length.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        multiply(powerOfX(eightTimes: secondLength), first) ^ second
    }

    /// x^(2^k) modulo the polynomial, k = 0...31 (zlib's `x2n_table`).
    private static let powersOfX: [UInt32] = {
        var powers: [UInt32] = [1 << 30]  // x^1 (bit 31 is x^0 in the reflected order)
        for _ in 1..<32 { powers.append(multiply(powers[powers.count - 1], powers[powers.count - 1])) }
        return powers
    }()

    /// a × b modulo the polynomial, both reflected (zlib's `multmodp`).
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var mask: UInt32 = 1 << 31, product: UInt32 = 0, b = b
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// x^(8 × length) modulo the polynomial: appending `length` zero bytes (zlib's `x2nmodp(length, 3)`).
    private static func powerOfX(eightTimes length: Int) -> UInt32 {
        var power: UInt32 = 1 << 31, n = length, k = 3
        while n > 0 {
            if n & 1 == 1 { power = multiply(powersOfX[k & 31], power) }
            n >>= 1
            k += 1
        }
        return power
    }
}
