import Foundation
import NuGetCore
import GalleryTestSupport
import Testing

/// Opening packages built with `TestPackage`: what `NupkgContents` reports.
@Suite("Nupkg reader")
struct NupkgReaderTests {
    @Test("entries, frameworks, signature, named files, size and hash")
    func contents() throws {
        let package = TestPackage.bare(extraMetadata: """
            <icon>images\\icon.png</icon><readme>README.md</readme><license type="file">LICENSE.txt</license>
            """)
            .with("lib/net8.0/A.dll", text: "dll")
            .with("lib/netstandard2.0/A.dll", text: "dll")
            .with("lib/net472/_._", text: "")
            .with("ref/net8.0/A.dll", text: "dll")
            .with("lib/not a framework!/A.dll", text: "dll")
            .with("images/icon.png", TestPackage.pngBytes)
            .with("README.md", text: "# Hello")
            .with("LICENSE.txt", text: "MIT")
            .with(".signature.p7s", Data([0x30, 0x82]))
        let path = try package.write()
        let contents = try NupkgReader.read(fileAt: path)
        #expect(contents.nuspec.id.original == "Test.Package")
        #expect(contents.entries.first == "Test.Package.nuspec")
        #expect(contents.entries.count == 10)
        #expect(contents.isSigned)
        #expect(Set(contents.libFrameworks.map(\.shortFolderName)) == Set(["net8.0", "netstandard2.0", "net472"]))
        #expect(contents.libFrameworks.map(\.shortFolderName) == contents.libFrameworks.map(\.shortFolderName).sorted())
        #expect(contents.icon == TestPackage.pngBytes)
        #expect(contents.readme == Data("# Hello".utf8))
        #expect(contents.licenseFile == Data("MIT".utf8))
        #expect(contents.nuspecData == package.nuspecData)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(contents.packageSize == (attributes[.size] as? Int64 ?? Int64(attributes[.size] as? Int ?? -1)))
        #expect(contents.sha512Base64 == (try Self.sha512sum(path)))
        #expect(!contents.isLegacySymbolsPackage)
    }

    /// `sha512sum` from coreutils, converted to base64: an independent check of the streamed hash.
    static func sha512sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha512sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let hex = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(128)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }

    @Test("a package with no files is fine and has no frameworks")
    func minimal() throws {
        let contents = try NupkgReader.read(fileAt: try TestPackage.bare().write())
        #expect(contents.entries == ["Test.Package.nuspec"])
        #expect(contents.libFrameworks.isEmpty && !contents.isSigned)
        #expect(contents.readme == nil && contents.icon == nil && contents.licenseFile == nil)
    }

    @Test("files directly in lib/ count as the 'any' framework")
    func libRoot() throws {
        let contents = try NupkgReader.read(fileAt: try TestPackage.bare().with("lib/A.dll", text: "x").write())
        #expect(contents.libFrameworks == [NuGetFramework.any])
    }

    @Test("named files are matched ignoring case and leading ./")
    func namedFileLookup() throws {
        let path = try TestPackage.bare(extraMetadata: "<readme>./docs/readme.MD</readme>")
            .with("docs/README.md", text: "# Doc").write()
        #expect(try NupkgReader.read(fileAt: path).readme == Data("# Doc".utf8))
    }

    static let missingFiles: [(String, PackageFileKind, String)] = [
        ("<readme>README.md</readme>", .readme, "README.md"),
        ("<icon>icon.png</icon>", .icon, "icon.png"),
        (#"<license type="file">LICENSE.txt</license>"#, .license, "LICENSE.txt"),
    ]

    @Test("a named file missing from the package", arguments: missingFiles)
    func missingNamedFile(_ metadata: String, _ kind: PackageFileKind, _ path: String) throws {
        let file = try TestPackage.bare(extraMetadata: metadata).write()
        #expect(throws: NupkgError.missingFile(kind: kind, path: path)) { try NupkgReader.read(fileAt: file) }
    }

    @Test("a named file over its cap is refused with the cap")
    func namedFileTooLarge() throws {
        let file = try TestPackage.bare(extraMetadata: "<readme>README.md</readme>")
            .with("README.md", Data(repeating: 0x41, count: 2_000)).write()
        var limits = NupkgLimits.default
        limits.maxReadmeBytes = 1_000
        #expect(throws: NupkgError.fileTooLarge(kind: .readme, path: "README.md", limit: 1_000)) {
            try NupkgReader.read(fileAt: file, limits: limits)
        }
    }

    @Test("legacy symbols layout (.pdb plus src/) and SymbolsPackage type are detected")
    func symbols() throws {
        let legacy = try TestPackage.bare().with("lib/net8.0/A.pdb", text: "pdb").with("src/A.cs", text: "class A {}").write()
        #expect(try NupkgReader.read(fileAt: legacy).isLegacySymbolsPackage)
        let snupkg = try TestPackage.bare(extraMetadata: #"<packageTypes><packageType name="SymbolsPackage"/></packageTypes>"#)
            .with("lib/net8.0/A.pdb", text: "pdb").write()
        #expect(try NupkgReader.read(fileAt: snupkg).isLegacySymbolsPackage)
        let pdbOnly = try TestPackage.bare().with("lib/net8.0/A.pdb", text: "pdb").with("lib/net8.0/A.dll", text: "dll").write()
        #expect(try !NupkgReader.read(fileAt: pdbOnly).isLegacySymbolsPackage)
    }

    @Test("a nuspec that fails to parse surfaces the NuspecError")
    func nuspecErrorPassesThrough() throws {
        let file = try TestPackage.bare(nuspecOverride: Data("<package><metadata/></package>".utf8)).write()
        #expect(throws: NuspecError.missingElement("id")) { try NupkgReader.read(fileAt: file) }
    }

    @Test("the nuspec extension is matched ignoring case")
    func nuspecCase() throws {
        let file = try TestPackage.bare(nuspecPath: "Test.Package.NUSPEC").write()
        #expect(try NupkgReader.read(fileAt: file).nuspec.id.original == "Test.Package")
    }
}
