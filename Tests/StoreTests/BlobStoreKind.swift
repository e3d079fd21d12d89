import BlobFileSystem
import Foundation
import Gallery
import Testing

/// The blob store implementations the blob contract suite runs over (S3 joins with scale-out).
enum BlobStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fileSystem

    var testDescription: String { rawValue }

    static let available: [BlobStoreKind] = [.fileSystem]
}

/// Runs `body` with an empty store of `kind` and a scratch folder outside it, both removed afterwards.
func withBlobStore(
    _ kind: BlobStoreKind, _ body: (any BlobStore, _ scratch: URL) async throws -> Void
) async throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-blobs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let scratch = base.appendingPathComponent("scratch")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    switch kind {
    case .fileSystem:
        try await body(try FileSystemBlobStore(root: base.appendingPathComponent("root").path), scratch)
    }
}

extension PackageVersionKey {
    /// The key of the fixture package used by the blob tests.
    static let fixture = PackageVersionKey(lowerID: "contoso.utils", lowerVersion: "1.0.0")
}
