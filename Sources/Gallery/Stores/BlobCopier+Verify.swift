import Crypto
import Foundation

extension BlobCopier {
    /// The most problems listed by one check; the rest are counted.
    static let reportedProblems = 10

    /// Source keys (those `copy()` copies) missing from the target, as lines for a report.
    public func missingKeys() async throws -> [String] {
        let present = Set(try await target.list(prefix: ""))
        let missing = try await source.list(prefix: "").filter { path in
            guard let key = BlobKey(path: path), !key.isStaging else { return false }
            return !present.contains(path)
        }
        return Self.lines(missing.map { "blob \($0): missing in the target" }, noun: "blobs are missing")
    }

    /// Checks that `store` holds each nupkg with the recorded size and SHA-512, reading it in chunks.
    /// Call it page by page (`SQLMetadataStore.availablePackageFiles`); returns one line per problem.
    public static func verify(_ packages: [StoredPackageFile], in store: any BlobStore) async throws -> [String] {
        var problems: [String] = []
        for package in packages {
            let key = BlobKey.nupkg(package.key)
            guard let (size, hash) = try await sizeAndHash(of: key, in: store) else {
                problems.append("nupkg \(package.key): missing in the target")
                continue
            }
            if size != package.size || hash != package.sha512 {
                problems.append("nupkg \(package.key): \(size) bytes with SHA-512 \(hash), expected \(package.size) bytes with \(package.sha512)")
            }
        }
        return problems
    }

    /// The size and base64 SHA-512 of a blob, streamed from a local file (a 250 MB package never sits in
    /// memory) or read whole from a remote store; nil when absent.
    static func sizeAndHash(of key: BlobKey, in store: any BlobStore) async throws -> (Int64, String)? {
        if case .localFile(let path, _) = try await store.location(key) {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            var hasher = SHA512()
            var size: Int64 = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
            return (size, Data(hasher.finalize()).base64EncodedString())
        }
        guard let data = try await store.data(key) else { return nil }
        return (Int64(data.count), Data(SHA512.hash(data: data)).base64EncodedString())
    }

    /// The first `reportedProblems` of `all`, then a line counting the rest (`"12 more \(noun)"`).
    public static func lines(_ all: [String], noun: String) -> [String] {
        guard all.count > reportedProblems else { return all }
        return Array(all.prefix(reportedProblems)) + ["\(all.count - reportedProblems) more \(noun)"]
    }
}
