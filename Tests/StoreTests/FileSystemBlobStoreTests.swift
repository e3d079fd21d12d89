import BlobFileSystem
import Foundation
import Gallery
import Testing

/// Behaviour specific to the filesystem store: its layout and symbolic links.
@Suite("FileSystemBlobStore")
struct FileSystemBlobStoreTests {
    @Test("blobs live at their key path below the root, as nginx would serve them")
    func layout() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-fs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileSystemBlobStore(root: root.path + "/")
        try await store.put(.nupkg(.fixture), data: Data("pkg".utf8))
        let expected = root.appendingPathComponent("packages/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg").path
        guard case .localFile(let path, let size)? = try await store.location(.nupkg(.fixture)) else {
            Issue.record("expected a local file")
            return
        }
        #expect(path == expected)
        #expect(size == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("packages/contoso.utils/1.0.0").path)
            == ["contoso.utils.1.0.0.nupkg"])  // no temporary file left behind
    }

    @Test("a symbolic link inside the root cannot lead a key outside it")
    func symlinkEscape() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-fs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("index.json"))
        let store = try FileSystemBlobStore(root: base.appendingPathComponent("root").path)
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent("root/v3").path, withDestinationPath: outside.path)
        await #expect(throws: FileSystemBlobStoreError.self) { _ = try await store.data(.document("index.json")) }
        await #expect(throws: FileSystemBlobStoreError.self) { try await store.put(.document("new.json"), data: Data()) }
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("new.json").path))
    }
}
