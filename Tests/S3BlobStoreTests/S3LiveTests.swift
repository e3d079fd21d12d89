import Crypto
import Foundation
import Gallery
import S3BlobStore
import Testing

/// The client and store against a real S3-compatible server: multipart, listing pages, relaying.
@Suite("S3 against a server", .enabled(if: S3TestServer.isAvailable, "PALLET_TEST_S3_ENDPOINT is not set"))
struct S3LiveTests {
    @Test("a 40 MiB file goes up in three 16 MiB-or-less parts and reads back with the same SHA-512")
    func multipart() async throws {
        try await S3TestServer.withBucket { client, _ in
            let store = S3BlobStore(client: client, logger: S3TestServer.logger)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-s3-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            let written = try Self.writePseudoRandomFile(file, megabytes: 40)

            try await store.put(.nupkg(.init(lowerID: "big", lowerVersion: "1.0.0")), movingFileAt: file.path)
            #expect(!FileManager.default.fileExists(atPath: file.path))

            let key = BlobKey.nupkg(.init(lowerID: "big", lowerVersion: "1.0.0"))
            let info = try #require(try await client.headObject(key.path))
            #expect(info.size == 40 << 20)
            #expect(info.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).hasSuffix("-3"), "ETag \(info.eTag)")

            guard case .remote(let size, let reader)? = try await store.location(key) else {
                Issue.record("expected a relayed location")
                return
            }
            #expect(size == 40 << 20)
            var hash = SHA512()
            var largestChunk = 0
            for try await chunk in try await reader.read(range: nil) {
                hash.update(data: chunk)
                largestChunk = max(largestChunk, chunk.count)
            }
            #expect(Data(hash.finalize()) == written)
            #expect(largestChunk < 4 << 20, "chunks are relayed as they arrive, not collected")
        }
    }

    @Test("a ranged read returns exactly the bytes asked for")
    func rangedRead() async throws {
        try await S3TestServer.withBucket { client, _ in
            let bytes = Data((0..<10_000).map { UInt8($0 % 256) })
            try await client.putObject("ranged", data: bytes)
            var read = Data()
            for try await chunk in try await client.streamObject("ranged", range: 100..<1_100) { read += chunk }
            #expect(read == bytes[100..<1_100])
        }
    }

    @Test("ListObjectsV2 follows continuation tokens: small pages, and more than 1000 keys")
    func pagination() async throws {
        try await S3TestServer.withBucket(prefix: "feed/") { client, location in
            let store = S3BlobStore(client: client, logger: S3TestServer.logger)
            let names = (0..<1_005).map { String(format: "staging/k%04d", $0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, name) in names.enumerated() {
                    if index >= 16 { try await group.next() }  // 16 uploads in flight
                    group.addTask { try await store.put(.staging(String(name.dropFirst("staging/".count))), data: Data("x".utf8)) }
                }
                try await group.waitForAll()
            }
            #expect(try await client.listObjects(prefix: location.prefix + "staging/k000", pageSize: 3)
                == names.prefix(10).map { location.prefix + $0 })
            #expect(try await store.list(prefix: "staging/") == names)
            #expect(try await store.list(prefix: "staging/k100") == names.suffix(5))  // k1000…k1004
        }
    }

    @Test("CreateBucket is idempotent for the owner")
    func createBucketTwice() async throws {
        try await S3TestServer.withBucket { client, _ in
            try await client.createBucket()
        }
    }

    /// Writes `megabytes` MiB of xorshift bytes (incompressible, so nothing along the way can cheat) and returns their SHA-512.
    static func writePseudoRandomFile(_ url: URL, megabytes: Int) throws -> Data {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = SHA512()
        for _ in 0..<megabytes {
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            chunk.withUnsafeMutableBytes { raw in
                for index in 0..<(raw.count / 8) {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    raw.storeBytes(of: state, toByteOffset: index * 8, as: UInt64.self)
                }
            }
            hash.update(data: chunk)
            try handle.write(contentsOf: chunk)
        }
        return Data(hash.finalize())
    }
}
