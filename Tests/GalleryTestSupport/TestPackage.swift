public import Foundation
import ZIPFoundation

/// Builds `.nupkg` files in code for tests (crates.io's `PublishBuilder` idea): a nuspec from a few
/// fields, optional extra entries, written as a real zip with ZIPFoundation.
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
    /// Pad the package with an incompressible entry of this many bytes (size tests).
    public var paddingBytes = 0

    /// A package with an id and a version.
    public init(id: String, version: String) {
        self.id = id
        self.version = version
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
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
        \(metadata)
          </metadata>
        </package>
        """
    }

    /// Writes the package into `directory` and returns its path.
    public func write(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("\(id).\(version)-\(UUID().uuidString.prefix(8)).nupkg")
        let archive = try Archive(url: url, accessMode: .create)
        var entries = files
        entries["\(id).nuspec"] = Data(nuspec.utf8)
        entries["lib/netstandard2.0/\(id).dll"] = entries["lib/netstandard2.0/\(id).dll"] ?? Data("MZ fake assembly".utf8)
        if let readme { entries["README.md"] = Data(readme.utf8) }
        if paddingBytes > 0 {
            var generator = SystemRandomNumberGenerator()
            entries["content/padding.bin"] = Data((0..<paddingBytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// The package bytes.
    public func data() throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-testpkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try Data(contentsOf: write(to: directory))
    }
}
