import Foundation
import GalleryTestSupport

/// Writes zip archives byte by byte, so hostile tests can put anything in a header: `../` paths, duplicate
/// names, sizes that lie, bad checksums, or a hand-made deflate stream that inflates to gigabytes.
struct RawZip {
    struct Entry {
        var path: String
        /// The bytes stored after the local header (already deflated when `method == 8`).
        var payload: Data
        var method: UInt16 = 0
        /// Declared sizes and checksum; nil computes them from `payload` (valid for stored entries).
        var declaredUncompressedSize: UInt32?
        var crc: UInt32?
        /// Extra field of the central-directory record (e.g. a hostile ZIP64 field).
        var centralExtra = Data()
        /// Replaces the local-header offset in the central record (0xFFFFFFFF defers to ZIP64).
        var declaredLocalOffset: UInt32?
    }

    var entries: [Entry] = []

    /// Adds a stored (uncompressed) entry with correct sizes and checksum.
    mutating func addStored(_ path: String, _ data: Data) {
        entries.append(Entry(path: path, payload: data))
    }

    /// Adds a stored text entry.
    mutating func addStored(_ path: String, text: String) { addStored(path, Data(text.utf8)) }

    /// The archive bytes: local headers and data, central directory, end record.
    func bytes() -> Data {
        var out = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.path.utf8)
            let crc = entry.crc ?? CRC32.checksum(entry.payload)
            let compressed = UInt32(entry.payload.count)
            let uncompressed = entry.declaredUncompressedSize ?? compressed
            let offset = UInt32(out.count)
            out.append(le32(0x0403_4B50)); out.append(le16(20)); out.append(le16(0x0800)); out.append(le16(entry.method))
            out.append(le16(0)); out.append(le16(0x21)); out.append(le32(crc))
            out.append(le32(compressed)); out.append(le32(uncompressed))
            out.append(le16(UInt16(name.count))); out.append(le16(0)); out.append(name); out.append(entry.payload)
            central.append(le32(0x0201_4B50)); central.append(le16(0x031E)); central.append(le16(20))
            central.append(le16(0x0800)); central.append(le16(entry.method)); central.append(le16(0)); central.append(le16(0x21))
            central.append(le32(crc)); central.append(le32(compressed)); central.append(le32(uncompressed))
            central.append(le16(UInt16(name.count))); central.append(le16(UInt16(entry.centralExtra.count)))
            central.append(le16(0)); central.append(le16(0)); central.append(le16(0)); central.append(le32(0o100644 << 16))
            central.append(le32(entry.declaredLocalOffset ?? offset)); central.append(name); central.append(entry.centralExtra)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32(0x0605_4B50)); out.append(le16(0)); out.append(le16(0))
        out.append(le16(UInt16(entries.count))); out.append(le16(UInt16(entries.count)))
        out.append(le32(UInt32(central.count))); out.append(le32(centralOffset)); out.append(le16(0))
        return out
    }

    /// Writes the archive to a temp file and returns its path.
    func write(name: String = "raw.nupkg") throws -> String {
        let url = TestPackage.makeTempDirectory().appendingPathComponent(name)
        try bytes().write(to: url)
        return url.path
    }

    private func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
}

/// CRC-32 (IEEE), table-driven; enough for test-sized payloads.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
