import BlobFileSystem
import Foundation
import Gallery
import Testing

/// Leftovers of writes cut off by a crash: old `.tmp-` blobs and upload files go, young ones and real blobs stay.
@Suite("Temporary file sweep")
struct TemporaryFileSweepTests {
    /// Writes a file and backdates its modification time by `age` seconds (no waiting).
    func file(_ path: String, age: TimeInterval) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
    }

    @Test("old .tmp- files anywhere below the blob root are removed; young ones and blobs are kept")
    func blobTemporaries() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try FileSystemBlobStore(root: root)
        try await store.put(.nupkg(.fixture), data: Data("pkg".utf8))
        let folder = root + "/packages/contoso.utils/1.0.0"
        try file(folder + "/.tmp-old", age: 7_200)
        try file(root + "/v3/flat/x/.tmp-older", age: 86_400)
        try file(folder + "/.tmp-young", age: 10)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-86_400)], ofItemAtPath: folder + "/contoso.utils.1.0.0.nupkg")

        #expect(await store.removeTemporaryFiles(olderThan: Date().addingTimeInterval(-3_600)) == 2)
        #expect(!FileManager.default.fileExists(atPath: folder + "/.tmp-old"))
        #expect(!FileManager.default.fileExists(atPath: root + "/v3/flat/x/.tmp-older"))
        #expect(FileManager.default.fileExists(atPath: folder + "/.tmp-young"))
        #expect(try await store.data(.nupkg(.fixture)) == Data("pkg".utf8))
    }

    @Test("only old files whose name matches are removed from an upload folder")
    func uploads() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-uploads-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try file(folder + "/upload-a.nupkg", age: 7_200)
        try file(folder + "/upload-b.nupkg", age: 5)
        try file(folder + "/keep.txt", age: 7_200)
        let removed = await TemporaryFiles.remove(in: folder, olderThan: Date().addingTimeInterval(-3_600), recursive: false) {
            $0.hasPrefix("upload-") && $0.hasSuffix(".nupkg")
        }
        #expect(removed == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["keep.txt", "upload-b.nupkg"])
    }
}
