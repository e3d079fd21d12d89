import BlobFileSystem
import Foundation
import Gallery
import Testing

/// What every BlobStore must do: store, read, locate, list and delete, atomically.
@Suite("BlobStore contract")
struct BlobStoreContractTests {
    @Test("put(data:) then data and location return the bytes", arguments: BlobStoreKind.available)
    func putData(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, _ in
            let bytes = Data("{\"count\":1}".utf8)
            try await store.put(.document("flat/contoso.utils/index.json"), data: bytes)
            #expect(try await store.data(.document("flat/contoso.utils/index.json")) == bytes)
            let location = try #require(try await store.location(.document("flat/contoso.utils/index.json")))
            #expect(location.announcedSize == Int64(bytes.count))
            #expect(try await downloadedBytes(location) == bytes)
        }
    }

    @Test("absent blobs read as nil and delete quietly", arguments: BlobStoreKind.available)
    func absent(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, _ in
            #expect(try await store.data(.nupkg(.fixture)) == nil)
            #expect(try await store.location(.nupkg(.fixture)) == nil)
            try await store.delete(.nupkg(.fixture))
        }
    }

    @Test("put(movingFileAt:) stores the file and takes it away from its old place", arguments: BlobStoreKind.available)
    func putMoving(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, scratch in
            let upload = scratch.appendingPathComponent("upload.tmp")
            let bytes = Data((0..<70_000).map { UInt8($0 % 251) })
            try bytes.write(to: upload)
            try await store.put(.nupkg(.fixture), movingFileAt: upload.path)
            #expect(try await store.data(.nupkg(.fixture)) == bytes)
            let location = try #require(try await store.location(.nupkg(.fixture)))
            #expect(location.announcedSize == 70_000)
            #expect(try await downloadedBytes(location) == bytes)
            #expect(!FileManager.default.fileExists(atPath: upload.path))
        }
    }

    @Test("a put replaces the previous bytes whole", arguments: BlobStoreKind.available)
    func replace(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, scratch in
            try await store.put(.nuspec(.fixture), data: Data(repeating: 1, count: 10_000))
            try await store.put(.nuspec(.fixture), data: Data("short".utf8))
            #expect(try await store.data(.nuspec(.fixture)) == Data("short".utf8))
            let upload = scratch.appendingPathComponent("again")
            try Data("moved".utf8).write(to: upload)
            try await store.put(.nuspec(.fixture), movingFileAt: upload.path)
            #expect(try await store.data(.nuspec(.fixture)) == Data("moved".utf8))
        }
    }

    @Test("readers during concurrent replacements only ever see a whole version", arguments: BlobStoreKind.available)
    func atomicReplace(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, _ in
            let versions = (0..<8).map { Data(repeating: UInt8($0), count: 256 * 1024) }
            try await store.put(.document("big.json"), data: versions[0])
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for round in 1..<40 { try await store.put(.document("big.json"), data: versions[round % versions.count]) }
                }
                group.addTask {
                    for _ in 0..<40 {
                        let seen = try #require(try await store.data(.document("big.json")))
                        #expect(versions.contains(seen))
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("delete removes a blob", arguments: BlobStoreKind.available)
    func delete(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, _ in
            try await store.put(.readme(.fixture), data: Data("# Hi".utf8))
            try await store.delete(.readme(.fixture))
            #expect(try await store.data(.readme(.fixture)) == nil)
            #expect(try await store.list(prefix: "packages/").isEmpty)
        }
    }

    @Test("list returns sorted key paths under a folder or name prefix, without temporary files", arguments: BlobStoreKind.available)
    func list(kind: BlobStoreKind) async throws {
        try await withBlobStore(kind) { store, _ in
            let other = PackageVersionKey(lowerID: "contoso.utils", lowerVersion: "2.0.0")
            for key in [BlobKey.nupkg(.fixture), .nuspec(.fixture), .icon(other), .document("flat/contoso.utils/index.json"), .staging("abc")] {
                try await store.put(key, data: Data("x".utf8))
            }
            #expect(try await store.list(prefix: "packages/contoso.utils/1.0.0/") == [
                BlobKey.nupkg(.fixture).path, BlobKey.nuspec(.fixture).path,
            ])
            #expect(try await store.list(prefix: "packages/").count == 3)
            #expect(try await store.list(prefix: "packages/contoso.utils/2").count == 1)
            #expect(try await store.list(prefix: "staging/").map { $0 } == ["staging/abc"])
            #expect(try await store.list(prefix: "").count == 5)
            #expect(try await store.list(prefix: "nothing/here/").isEmpty)
        }
    }

    @Test(
        "keys that would leave the store are refused",
        arguments: BlobStoreKind.available,
        [BlobKey.document("../escape.json"), .document("flat/../../escape"), .staging("/etc/passwd"), .document("a//b"),
         .staging(".."), .document("./x"), .staging("a\\..\\b")]
    )
    func escapeRefused(kind: BlobStoreKind, key: BlobKey) async throws {
        try await withBlobStore(kind) { store, scratch in
            await #expect(throws: (any Error).self) { try await store.put(key, data: Data("x".utf8)) }
            await #expect(throws: (any Error).self) { _ = try await store.data(key) }
            await #expect(throws: (any Error).self) { try await store.delete(key) }
            let upload = scratch.appendingPathComponent("up")
            try Data("x".utf8).write(to: upload)
            await #expect(throws: (any Error).self) { try await store.put(key, movingFileAt: upload.path) }
            #expect(FileManager.default.fileExists(atPath: upload.path))
        }
    }

    @Test("list prefixes that would leave the store are refused", arguments: BlobStoreKind.available, ["../", "packages/../..", "/etc/", ".."])
    func listEscapeRefused(kind: BlobStoreKind, prefix: String) async throws {
        try await withBlobStore(kind) { store, _ in
            await #expect(throws: (any Error).self) { _ = try await store.list(prefix: prefix) }
        }
    }
}
