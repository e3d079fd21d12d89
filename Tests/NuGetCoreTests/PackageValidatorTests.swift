import Foundation
import NuGetCore
import GalleryTestSupport
import Testing

/// nuget.org's push rules, one table row per rule (protocol notes §9, "What nuget.org validates on push").
@Suite("Package validation")
struct PackageValidatorTests {
    static func validate(_ package: TestPackage) throws -> [String] {
        try PackageValidator.validate(try NupkgReader.read(fileAt: try package.write()))
    }

    static let base = TestPackage.bare()

    static let rejections: [(String, TestPackage, PackageValidationError)] = [
        ("long title", TestPackage.bare(extraMetadata: "<title>\(String(repeating: "t", count: 257))</title>"),
         .fieldTooLong(field: "<title>", limit: 256)),
        ("long language", TestPackage.bare(extraMetadata: "<language>\(String(repeating: "l", count: 21))</language>"),
         .fieldTooLong(field: "<language>", limit: 20)),
        ("id + version over 160", TestPackage.bare(id: String(repeating: "a", count: 100), version: "1.0.0-" + String(repeating: "b", count: 55)),
         .idAndVersionTooLong),
        ("relative projectUrl", TestPackage.bare(extraMetadata: "<projectUrl>/relative</projectUrl>"), .invalidURL(field: "projectUrl")),
        ("ftp iconUrl", TestPackage.bare(extraMetadata: "<iconUrl>ftp://x/i.png</iconUrl>"), .invalidURL(field: "iconUrl")),
        ("legacy-incompatible version", TestPackage.bare(version: "1.0.0-1beta"), .versionNotLegacyCompatible("1.0.0-1beta")),
        ("duplicate dependency", TestPackage.bare(extraMetadata: """
            <dependencies><dependency id="A" version="1.0"/><dependency id="a" version="2.0"/></dependencies>
            """), .duplicateDependency(id: "a")),
        ("floating dependency", TestPackage.bare(extraMetadata: #"<dependencies><dependency id="A" version="1.*"/></dependencies>"#),
         .floatingDependencyRange(id: "A")),
        ("metadata in a bound", TestPackage.bare(extraMetadata: #"<dependencies><dependency id="A" version="[1.0.0+git, )"/></dependencies>"#),
         .dependencyVersionHasMetadata(id: "A")),
        ("legacy-incompatible bound", TestPackage.bare(extraMetadata: #"<dependencies><dependency id="A" version="1.0.0-1x"/></dependencies>"#),
         .dependencyVersionNotLegacyCompatible(id: "A")),
        ("duplicate TFM group", TestPackage.bare(extraMetadata: """
            <dependencies><group targetFramework="net8.0"/><group targetFramework="net8.0"/></dependencies>
            """), .duplicateDependencyGroup(framework: "net8.0")),
        ("minClientVersion too new", TestPackage.bare(extraMetadata: ""), .unsupportedMinClientVersion("99.0.0")),
        ("McpServer without DotnetTool", TestPackage.bare(extraMetadata: #"<packageTypes><packageType name="McpServer"/></packageTypes>"#),
         .mcpServerRequiresDotnetTool),
        ("license version 2", TestPackage.bare(extraMetadata: #"<license type="expression" version="2.0.0">MIT</license>"#),
         .unsupportedLicenseVersion("2.0.0")),
        ("unparseable expression", TestPackage.bare(extraMetadata: #"<license type="expression">MIT OR</license>"#),
         .invalidLicenseExpression("MIT OR")),
        ("unknown license id", TestPackage.bare(extraMetadata: #"<license type="expression">NotALicense-1.0</license>"#),
         .unknownLicenseIdentifier("NotALicense-1.0")),
        ("licenseUrl beside license", TestPackage.bare(extraMetadata: """
            <license type="expression">MIT</license><licenseUrl>https://example.com/l</licenseUrl>
            """), .licenseURLWithLicense),
        ("license file .pdf", TestPackage.bare(extraMetadata: #"<license type="file">LICENSE.pdf</license>"#).with("LICENSE.pdf", text: "x"),
         .wrongFileExtension(kind: .license, allowed: "a .txt or .md file, or have no extension")),
        ("license file not UTF-8", TestPackage.bare(extraMetadata: #"<license type="file">LICENSE</license>"#).with("LICENSE", Data([0xC3, 0x28])),
         .notUTF8Text(kind: .license)),
        ("icon .gif", TestPackage.bare(extraMetadata: "<icon>i.gif</icon>").with("i.gif", text: "GIF89a"),
         .wrongFileExtension(kind: .icon, allowed: "a .png, .jpg or .jpeg file")),
        ("icon not an image", TestPackage.bare(extraMetadata: "<icon>i.png</icon>").with("i.png", text: "not a png"), .iconNotAnImage),
        ("readme .txt", TestPackage.bare(extraMetadata: "<readme>README.txt</readme>").with("README.txt", text: "x"),
         .wrongFileExtension(kind: .readme, allowed: "a .md file")),
        ("empty readme", TestPackage.bare(extraMetadata: "<readme>README.md</readme>").with("README.md", text: ""), .emptyFile(kind: .readme)),
        ("symbols package", TestPackage.bare(extraMetadata: #"<packageTypes><packageType name="SymbolsPackage"/></packageTypes>"#),
         .symbolsPackage),
    ]

    @Test("each rule refuses its case with its exact error", arguments: rejections)
    func rejects(_ name: String, _ package: TestPackage, _ expected: PackageValidationError) throws {
        var package = package
        if name == "minClientVersion too new" {
            package.nuspecOverride = Data(package.nuspecXML.replacingOccurrences(
                of: "<metadata>", with: #"<metadata minClientVersion="99.0.0">"#).utf8)
        }
        #expect(throws: expected) { try Self.validate(package) }
        #expect(expected.message.hasSuffix("."))
    }

    static let acceptances: [(String, TestPackage)] = [
        ("plain", base),
        ("SemVer2 version", TestPackage.bare(version: "1.0.0-beta.1+sha")),
        ("expression with deprecation URL", TestPackage.bare(extraMetadata: """
            <license type="expression">MIT OR Apache-2.0</license><licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>
            """)),
        ("expression with its licenses.nuget.org URL", TestPackage.bare(extraMetadata: """
            <license type="expression">MIT</license><licenseUrl>https://licenses.nuget.org/MIT</licenseUrl>
            """)),
        ("UNLICENSED", TestPackage.bare(extraMetadata: #"<license type="expression">UNLICENSED</license>"#)),
        ("license file .md", TestPackage.bare(extraMetadata: #"<license type="file">docs/LICENSE.md</license>"#).with("docs/LICENSE.md", text: "MIT")),
        ("png icon, jpeg icon, readme", TestPackage.bare(extraMetadata: "<icon>i.png</icon><readme>R.md</readme>")
            .with("i.png", TestPackage.pngBytes).with("R.md", text: "# R")),
        ("jpeg icon", TestPackage.bare(extraMetadata: "<icon>i.jpeg</icon>").with("i.jpeg", TestPackage.jpegBytes)),
        ("McpServer with DotnetTool", TestPackage.bare(extraMetadata: """
            <packageTypes><packageType name="DotnetTool"/><packageType name="McpServer"/></packageTypes>
            """)),
        ("grouped dependencies", TestPackage.bare(extraMetadata: """
            <dependencies><group targetFramework="net8.0"><dependency id="A" version="[1.0.0, 2.0.0)"/></group>
            <group targetFramework="netstandard2.0"><dependency id="A" version="1.0.0"/></group></dependencies>
            """)),
    ]

    @Test("conforming packages pass", arguments: acceptances)
    func accepts(_ name: String, _ package: TestPackage) throws {
        #expect(try Self.validate(package).isEmpty, "\(name)")
    }

    @Test("deprecated licenseUrl and a non-https repository are warnings, not errors")
    func warnings() throws {
        let warnings = try Self.validate(TestPackage.bare(extraMetadata: """
            <licenseUrl>https://example.com/license</licenseUrl><repository type="git" url="http://example.com/r.git"/>
            """))
        #expect(warnings == ["<licenseUrl> is deprecated; use <license> instead.", "The repository URL should be an https:// URL."])
    }
}
