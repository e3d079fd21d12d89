public import Foundation
import ZIPFoundation

/// The one builder of `.nupkg` files in code for tests (crates.io's `PublishBuilder` idea): a nuspec from a
/// few fields plus entries, written as a real zip with ZIPFoundation.
///
/// `init(id:version:)` makes a publishable package (a stand-in assembly under `lib/`, README when set);
/// `bare(...)` makes exactly the entries asked for, with the nuspec raw or generated, for format and
/// hostile-input tests that care about every entry.
public struct TestPackage: Sendable {
    public var id: String
    public var version: String
    public var description = "A test package."
    public var authors = "Pallet Tests"
    public var title: String?
    public var tags: String?
    /// `(targetFramework or nil, [(id, range)])` groups; empty = no `<dependencies>`.
    public var dependencyGroups: [(framework: String?, dependencies: [(id: String, range: String)])] = []
    public var packageTypes: [String] = []
    public var licenseExpression: String?
    public var readme: String?
    /// Raw XML inserted inside `<metadata>`.
    public var extraMetadata = ""
    /// Extra zip entries by path.
    public var files: [String: Data] = [:]
    /// Entries written right after the nuspec, in this order (see `with(_:_:)`).
    public var orderedEntries: [(path: String, data: Data)] = []
    /// Pad the package with an incompressible entry of this many bytes (size tests).
    public var paddingBytes = 0
    /// Whether a stand-in assembly `lib/netstandard2.0/{id}.dll` is added (false for `bare`).
    public var includesAssembly = true
    /// `<package xmlns=…>`; nil writes no namespace.
    public var namespace: String? = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"
    /// Replaces the generated nuspec entirely when set.
    public var nuspecOverride: Data?
    /// Name of the nuspec entry; nil uses `{id}.nuspec`.
    public var nuspecPath: String?

    /// A publishable package with an id and a version.
    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }

    /// A package of exactly the nuspec and the entries added with `with(_:_:)`: no assembly, no README.
    public static func bare(
        id: String = "Test.Package", version: String = "1.0.0", authors: String = "Pallet",
        description: String = "A package built by a test.", extraMetadata: String = "",
        namespace: String? = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd", nuspecOverride: Data? = nil,
        nuspecPath: String? = nil
    ) -> TestPackage {
        var package = TestPackage(id: id, version: version)
        package.authors = authors
        package.description = description
        package.extraMetadata = extraMetadata
        package.namespace = namespace
        package.nuspecOverride = nuspecOverride
        package.nuspecPath = nuspecPath
        package.includesAssembly = false
        return package
    }

    /// The nuspec XML.
    public var nuspec: String {
        var metadata = """
            <id>\(id)</id>
            <version>\(version)</version>
            <authors>\(authors)</authors>
            <description>\(description)</description>
        """
        if let title { metadata += "\n    <title>\(title)</title>" }
        if let tags { metadata += "\n    <tags>\(tags)</tags>" }
        if let licenseExpression { metadata += "\n    <license type=\"expression\">\(licenseExpression)</license>" }
        if readme != nil { metadata += "\n    <readme>README.md</readme>" }
        if !packageTypes.isEmpty {
            metadata += "\n    <packageTypes>" + packageTypes.map { "<packageType name=\"\($0)\" />" }.joined() + "</packageTypes>"
        }
        if !dependencyGroups.isEmpty {
            metadata += "\n    <dependencies>"
            for group in dependencyGroups {
                metadata += group.framework.map { "<group targetFramework=\"\($0)\">" } ?? "<group>"
                for dependency in group.dependencies {
                    metadata += "<dependency id=\"\(dependency.id)\" version=\"\(dependency.range)\" />"
                }
                metadata += "</group>"
            }
            metadata += "</dependencies>"
        }
        metadata += extraMetadata
        let xmlns = namespace.map { " xmlns=\"\($0)\"" } ?? ""
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <package\(xmlns)>
          <metadata>
        \(metadata)
          </metadata>
        </package>
        """
    }

    /// The nuspec XML this builder writes (the generated one; see `nuspecData` for an override).
    public var nuspecXML: String { nuspec }

    /// The nuspec bytes written into the package.
    public var nuspecData: Data { nuspecOverride ?? Data(nuspec.utf8) }

    /// Adds an entry, written after the nuspec in the order added.
    public func with(_ path: String, _ data: Data) -> TestPackage {
        var copy = self
        copy.orderedEntries.append((path, data))
        return copy
    }

    /// Adds a text entry.
    public func with(_ path: String, text: String) -> TestPackage { with(path, Data(text.utf8)) }

    /// Every entry of the package, in the order written: the nuspec, the ordered entries, then the rest by path.
    var entries: [(path: String, data: Data)] {
        var rest = files
        if includesAssembly, rest["lib/netstandard2.0/\(id).dll"] == nil {
            rest["lib/netstandard2.0/\(id).dll"] = Data("MZ fake assembly".utf8)
        }
        if let readme { rest["README.md"] = Data(readme.utf8) }
        if paddingBytes > 0 {
            var generator = SystemRandomNumberGenerator()
            rest["content/padding.bin"] = Data((0..<paddingBytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        return [(nuspecPath ?? "\(id).nuspec", nuspecData)] + orderedEntries
            + rest.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value) }
    }

    /// Writes the package (deflated entries, like `nuget pack`) into `directory` and returns its URL.
    public func write(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("\(id).\(version)-\(UUID().uuidString.prefix(8)).nupkg")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// Writes the package into a new temp directory (or `directory`) and returns its path.
    public func write(in directory: URL = TestPackage.makeTempDirectory()) throws -> String {
        try write(to: directory).path
    }

    /// The package bytes.
    public func data() throws -> Data {
        let directory = TestPackage.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try Data(contentsOf: write(to: directory))
    }

    /// A new empty directory under the system temp directory.
    public static func makeTempDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The 8-byte PNG signature plus a little padding: enough for the icon magic check.
    public static let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    /// A JPEG start-of-image marker plus padding.
    public static let jpegBytes = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
}
