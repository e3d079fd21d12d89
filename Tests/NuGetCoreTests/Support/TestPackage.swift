import Foundation
import ZIPFoundation

/// Builds `.nupkg` files in code (crates.io's `PublishBuilder` idea): a nuspec from a few fields plus any
/// extra files, written with ZIPFoundation to a fresh temp directory. Reusable by server tests.
struct TestPackage {
    var id = "Test.Package"
    var version = "1.0.0"
    var authors = "Pallet"
    var description = "A package built by a test."
    /// Raw XML inserted inside `<metadata>` after the required elements (`<license …>`, `<dependencies>`, …).
    var extraMetadata = ""
    /// `<package xmlns=…>`; nil writes no namespace.
    var namespace: String? = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"
    /// Replaces the generated nuspec entirely when set.
    var nuspecOverride: Data?
    /// Name of the nuspec entry; nil uses `{id}.nuspec`.
    var nuspecPath: String?
    /// Other entries, in order.
    var files: [(path: String, data: Data)] = []

    /// The nuspec XML this builder writes.
    var nuspecXML: String {
        let xmlns = namespace.map { " xmlns=\"\($0)\"" } ?? ""
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <package\(xmlns)>
              <metadata>
                <id>\(id)</id>
                <version>\(version)</version>
                <authors>\(authors)</authors>
                <description>\(description)</description>
                \(extraMetadata)
              </metadata>
            </package>
            """
    }

    var nuspecData: Data { nuspecOverride ?? Data(nuspecXML.utf8) }

    /// Adds a file entry.
    func with(_ path: String, _ data: Data) -> TestPackage {
        var copy = self
        copy.files.append((path, data))
        return copy
    }

    /// Adds a text file entry.
    func with(_ path: String, text: String) -> TestPackage { with(path, Data(text.utf8)) }

    /// Writes the package (deflated entries, like `nuget pack`) and returns its path.
    func write(in directory: URL = TestPackage.makeTempDirectory()) throws -> String {
        let url = directory.appendingPathComponent("\(id).\(version).nupkg")
        let archive = try Archive(url: url, accessMode: .create)
        let entries = [(nuspecPath ?? "\(id).nuspec", nuspecData)] + files.map { ($0.path, $0.data) }
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    /// A new empty directory under the system temp directory.
    static func makeTempDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The 8-byte PNG signature plus a little padding: enough for the icon magic check.
    static let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    /// A JPEG start-of-image marker plus padding.
    static let jpegBytes = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
}
