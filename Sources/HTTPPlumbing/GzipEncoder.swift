public import Foundation
import ZIPFoundation

/// gzip (RFC 1952) of a whole body: ZIPFoundation's raw deflate (zlib) between the gzip header and trailer.
///
/// Used for rendered documents only, once per document (see `RenderedDocument.gzipped(using:)`), never per
/// request; `.nupkg` and other blobs are never encoded (protocol §12.9).
public enum GzipEncoder {
    /// The gzip member of `data`, or nil when zlib refused.
    public static func encode(_ data: Data) -> Data? {
        var deflated = Data()
        let crc: CRC32
        do {
            crc = try Data.compress(size: Int64(data.count), bufferSize: 64 << 10, provider: { position, size in
                let start = Int(position)
                return data.subdata(in: data.startIndex + start..<data.startIndex + min(start + size, data.count))
            }, consumer: { chunk in deflated.append(chunk) })
        } catch {
            return nil
        }
        // ID1 ID2, CM = deflate, no flags, no mtime (identical bytes on every node), XFL 0, OS 255 (unknown).
        var member = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
        member.append(deflated)
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { member.append(contentsOf: $0) }
        }
        return member
    }
}

extension GzipEncoder {
    /// The content of a single gzip member with the header `encode` writes (no optional fields), or nil when
    /// `data` is not one. For tests and tools that read what the server sent, as a client would.
    public static func decode(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08, bytes[3] == 0x00 else { return nil }
        let deflated = Data(bytes[10..<(bytes.count - 8)])
        var inflated = Data()
        do {
            _ = try Data.decompress(size: Int64(deflated.count), bufferSize: 64 << 10, skipCRC32: true, provider: { position, size in
                let start = Int(position)
                return deflated.subdata(in: start..<min(start + size, deflated.count))
            }, consumer: { chunk in inflated.append(chunk) })
        } catch {
            return nil
        }
        return inflated
    }
}
