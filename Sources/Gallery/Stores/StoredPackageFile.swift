/// A nupkg the metadata store says the blob store holds, with the size and hash recorded at push.
public struct StoredPackageFile: Sendable, Hashable {
    /// The version whose `.nupkg(key)` blob this is.
    public let key: PackageVersionKey
    /// The size in bytes.
    public let size: Int64
    /// Base64 SHA-512 of the file (the stored `packageHash`).
    public let sha512: String

    public init(key: PackageVersionKey, size: Int64, sha512: String) {
        self.key = key
        self.size = size
        self.sha512 = sha512
    }
}
