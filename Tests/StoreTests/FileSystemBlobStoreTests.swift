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

    @Test("opened on the event loop: a plain file inside the root; nil for a missing file, a final link, or a folder linked outside")
    func openImmediately() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-fs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let store = try FileSystemBlobStore(root: base.appendingPathComponent("root").path)
        try await store.put(.nupkg(.fixture), data: Data("pkg".utf8))
        let opened = try #require(try store.openImmediately(.nupkg(.fixture)))
        #expect(opened.size == 3 && opened.path.hasSuffix("/contoso.utils.1.0.0.nupkg"))
        var bytes = [UInt8](repeating: 0, count: 8)
        #expect(read(opened.descriptor, &bytes, 8) == 3 && Array(bytes.prefix(3)) == Array("pkg".utf8))
        close(opened.descriptor)
        #expect(try store.openImmediately(.nupkg(.init(lowerID: "contoso.utils", lowerVersion: "9.9.9"))) == nil)

        // A package folder that is a link to a folder outside the root: refused, though the file is there.
        let outside = base.appendingPathComponent("outside/1.0.0")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("escape.pkg.1.0.0.nupkg"))
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent("root/packages/escape.pkg").path, withDestinationPath: base.appendingPathComponent("outside").path)
        #expect(try store.openImmediately(.nupkg(.init(lowerID: "escape.pkg", lowerVersion: "1.0.0"))) == nil)
        // A final link, even to a file inside the root, is left to the ordinary path.
        let linked = base.appendingPathComponent("root/packages/contoso.utils/2.0.0")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: linked.appendingPathComponent("contoso.utils.2.0.0.nupkg").path,
            withDestinationPath: base.appendingPathComponent("root/packages/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg").path)
        #expect(try store.openImmediately(.nupkg(.init(lowerID: "contoso.utils", lowerVersion: "2.0.0"))) == nil)
    }
}
