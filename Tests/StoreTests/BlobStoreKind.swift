import BlobFileSystem
import Foundation
import Gallery
import GalleryTestSupport
import Logging
import S3BlobStore
import Testing

/// The blob store implementations the blob contract suite runs over.
///
/// Memory and the filesystem always run. S3 joins when `PALLET_TEST_S3_ENDPOINT` names an S3-compatible
/// server (moto: `moto_server -H 127.0.0.1 -p 5055`); otherwise it is left out with a printed reason.
enum BlobStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case fileSystem
    case s3

    var testDescription: String { rawValue }

    /// The S3 endpoint of the test run, when there is one.
    static let s3Endpoint = ProcessInfo.processInfo.environment["PALLET_TEST_S3_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }

    /// The kinds that can run here, decided once per test process.
    static let available: [BlobStoreKind] = {
        guard s3Endpoint != nil else {
            print("StoreTests: PALLET_TEST_S3_ENDPOINT is not set; skipping the s3 blob store kind (memory and filesystem only).")
            return [.memory, .fileSystem]
        }
        return [.memory, .fileSystem, .s3]
    }()
}

/// Runs `body` with an empty store of `kind` and a scratch folder outside it, both removed afterwards.
/// An S3 store gets a fresh bucket (`pallet-test-<uuid>`), emptied and deleted afterwards.
func withBlobStore(
    _ kind: BlobStoreKind, _ body: (any BlobStore, _ scratch: URL) async throws -> Void
) async throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-blobs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let scratch = base.appendingPathComponent("scratch")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    switch kind {
    case .memory:
        try await body(InMemoryBlobStore(), scratch)
    case .fileSystem:
        try await body(try FileSystemBlobStore(root: base.appendingPathComponent("root").path), scratch)
    case .s3:
        let location = try S3Location(parsing: "s3://pallet-test-\(UUID().uuidString.lowercased())?endpoint=\(BlobStoreKind.s3Endpoint!)")
        // moto accepts any keys; real servers get the usual AWS variables.
        let credentials = (try? S3Credentials.fromEnvironment()) ?? S3Credentials(accessKeyID: "test", secretAccessKey: "test")
        var logger = Logger(label: "pallet.store-tests.s3")
        logger.logLevel = .critical
        let store = S3BlobStore(location: location, credentials: credentials, logger: logger)
        do {
            try await store.client.createBucket()
            try await body(store, scratch)
            try await store.client.deleteBucketAndContents()
        } catch {
            try? await store.client.deleteBucketAndContents()
            try await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }
}

/// The bytes a download location leads to, however the store answers (file, relay or redirect).
func downloadedBytes(_ location: BlobLocation) async throws -> Data {
    switch location {
    case .localFile(let path, _):
        return try #require(FileManager.default.contents(atPath: path))
    case .remote(_, let reader):
        var bytes = Data()
        for try await chunk in try await reader.read(range: nil) { bytes += chunk }
        return bytes
    case .redirect(let url):
        return try Data(contentsOf: url)
    }
}

extension BlobLocation {
    /// The size the HTTP layer announces, or nil for a redirect.
    var announcedSize: Int64? {
        switch self {
        case .localFile(_, let size), .remote(let size, _): size
        case .redirect: nil
        }
    }
}

extension PackageVersionKey {
    /// The key of the fixture package used by the blob tests.
    static let fixture = PackageVersionKey(lowerID: "contoso.utils", lowerVersion: "1.0.0")
}
