import Crypto
import Foundation

/// SHA-512 of a whole file, read in chunks so a 250 MB package never sits in memory.
enum PackageFileHasher {
    /// Base64 of the SHA-512 digest, as NuGet's `packageHash` (with `packageHashAlgorithm: SHA512`).
    static func sha512Base64(of handle: FileHandle, chunkSize: Int = 1 << 20) throws -> String {
        try handle.seek(toOffset: 0)
        var hasher = SHA512()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return Data(hasher.finalize()).base64EncodedString()
    }
}
