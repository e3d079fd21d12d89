import Foundation
import Gallery
import S3BlobStore
import Testing

/// Downloads located by the database's size: no HEAD, one GET; a missing object still ends in a clean 404.
@Suite("S3 downloads by known size", .enabled(if: S3TestServer.isAvailable, "PALLET_TEST_S3_ENDPOINT is not set"))
struct S3KnownSizeTests {
    static let key = BlobKey.nupkg(.init(lowerID: "sized", lowerVersion: "1.0.0"))

    @Test("a stored object is relayed with the size given, byte for byte")
    func relayed() async throws {
        try await S3TestServer.withBucket { client, _ in
            let store = S3BlobStore(client: client, logger: S3TestServer.logger)
            #expect(store.locatesByKnownSize)
            let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try await store.put(Self.key, data: bytes)
            guard case .remote(let size, let reader)? = try await store.location(Self.key, knownSize: Int64(bytes.count)) else {
                Issue.record("expected a relayed location")
                return
            }
            #expect(size == Int64(bytes.count))
            var read = Data()
            for try await chunk in try await reader.read(range: nil) { read += chunk }
            #expect(read == bytes)
        }
    }

    @Test("without a HEAD a missing object is located anyway, and reading it is a 404, not a 503")
    func missingObject() async throws {
        try await S3TestServer.withBucket { client, _ in
            let store = S3BlobStore(client: client, logger: S3TestServer.logger)
            // A HEAD would have found nothing (nil); located by size, the store was not asked.
            #expect(try await store.location(Self.key) == nil)
            guard case .remote(_, let reader)? = try await store.location(Self.key, knownSize: 10) else {
                Issue.record("expected a relayed location without asking the store")
                return
            }
            await #expect {
                _ = try await reader.read(range: nil)
            } throws: { error in
                guard case .notFound(let message) = error as? GalleryError else { return false }
                return message == "The file 'packages/sized/1.0.0/sized.1.0.0.nupkg' is not in the object store."
            }
        }
    }

    @Test("in redirect mode the presigned URL is made without asking the store")
    func redirect() async throws {
        try await S3TestServer.withBucket { client, _ in
            let store = S3BlobStore(client: client, presignDownloads: true, logger: S3TestServer.logger)
            guard case .redirect(let url)? = try await store.location(Self.key, knownSize: 10) else {
                Issue.record("expected a redirect")
                return
            }
            #expect(url.path.hasSuffix("packages/sized/1.0.0/sized.1.0.0.nupkg"))
        }
    }
}
