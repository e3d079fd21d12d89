import Foundation
import NuGetCore
import GalleryTestSupport
import Testing

/// Nuspec documents built in code, one concern per test (protocol notes §9, "Nuspec essentials").
@Suite("Nuspec parsing")
struct NuspecParsingTests {
    static let allNamespaces: [String?] = [
        "http://schemas.microsoft.com/packaging/2010/07/nuspec.xsd",
        "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd",
        "http://schemas.microsoft.com/packaging/2011/10/nuspec.xsd",
        "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd",
        "http://schemas.microsoft.com/packaging/2013/01/nuspec.xsd",
        "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd",
        nil,
    ]

    static func parse(_ package: TestPackage) throws -> Nuspec {
        try Nuspec(parsing: package.nuspecData)
    }

    static func parse(metadata: String) throws -> Nuspec {
        try parse(TestPackage.bare(extraMetadata: metadata))
    }

    @Test("every nuspec namespace, and none, is read", arguments: allNamespaces)
    func namespaces(_ namespace: String?) throws {
        let nuspec = try Self.parse(TestPackage.bare(id: "Ns.Test", version: "2.1", namespace: namespace))
        #expect(nuspec.id.original == "Ns.Test")
        #expect(nuspec.version.normalized == "2.1.0")
        #expect(nuspec.verbatimVersion == "2.1")
    }

    @Test("the NuGet 1.0 layout: <package> without a namespace, <metadata> with one")
    func nuGet10Layout() throws {
        let xml = """
            <?xml version="1.0"?>
            <package><metadata xmlns="http://schemas.microsoft.com/packaging/2010/07/nuspec.xsd">
            <id>Old</id><version>1.0</version><authors>a</authors><description>d</description>
            </metadata></package>
            """
        let nuspec = try Nuspec(parsing: Data(xml.utf8))
        #expect(nuspec.id.original == "Old")
        #expect(nuspec.version.normalized == "1.0.0")
    }

    @Test("every optional metadata element is read")
    func everyElement() throws {
        let package = TestPackage.bare(extraMetadata: """
            <title>The Title</title><owners>Own</owners><summary>Sum</summary>
            <releaseNotes>Notes</releaseNotes><copyright>(c) me</copyright><language>en-US</language>
            <tags>one two,three  four</tags><projectUrl>https://example.com/p</projectUrl>
            <iconUrl>https://example.com/i.png</iconUrl><icon>images\\icon.png</icon><readme>docs/README.md</readme>
            <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>
            <requireLicenseAcceptance>true</requireLicenseAcceptance>
            <developmentDependency>True</developmentDependency><serviceable>false</serviceable>
            """)
        let nuspec = try Self.parse(package)
        #expect(nuspec.title == "The Title")
        #expect(nuspec.owners == "Own")
        #expect(nuspec.summary == "Sum")
        #expect(nuspec.releaseNotes == "Notes")
        #expect(nuspec.copyright == "(c) me")
        #expect(nuspec.language == "en-US")
        #expect(nuspec.tags == ["one", "two", "three", "four"])
        #expect(nuspec.projectUrl == "https://example.com/p")
        #expect(nuspec.iconUrl == "https://example.com/i.png")
        #expect(nuspec.icon == "images\\icon.png")
        #expect(nuspec.readme == "docs/README.md")
        #expect(nuspec.licenseUrl == "https://aka.ms/deprecateLicenseUrl")
        #expect(nuspec.requireLicenseAcceptance)
        #expect(nuspec.developmentDependency)
        #expect(!nuspec.serviceable)
        #expect(nuspec.authors == "Pallet")
        #expect(nuspec.description == "A package built by a test.")
        #expect(nuspec.packageTypes.isEmpty)
        #expect(nuspec.license == nil && nuspec.repository == nil && nuspec.minClientVersion == nil)
    }

    @Test("minClientVersion is an attribute of <metadata>")
    func minClientVersion() throws {
        let xml = """
            <package><metadata minClientVersion="2.12"><id>A</id><version>1.0.0</version>
            <authors>a</authors><description>d</description></metadata></package>
            """
        #expect(try Nuspec(parsing: Data(xml.utf8)).minClientVersion == "2.12")
    }

    @Test("a flat dependency list is one group without a framework")
    func flatDependencies() throws {
        let nuspec = try Self.parse(metadata: """
            <dependencies><dependency id="Newtonsoft.Json" version="[13.0.1, )"/>
            <dependency id="NoVersion"/><dependency id="Assets" version="1.0" include="Compile, Runtime" exclude="Build"/>
            </dependencies>
            """)
        #expect(nuspec.dependencyGroups.count == 1)
        let group = try #require(nuspec.dependencyGroups.first)
        #expect(group.targetFramework == nil)
        #expect(group.dependencies.map(\.id.original) == ["Newtonsoft.Json", "NoVersion", "Assets"])
        #expect(group.dependencies[1].range == VersionRange.all)
        #expect(group.dependencies[2].include == ["Compile", "Runtime"])
        #expect(group.dependencies[2].exclude == ["Build"])
    }

    @Test("grouped dependencies keep their frameworks, including empty groups")
    func groupedDependencies() throws {
        let nuspec = try Self.parse(metadata: """
            <dependencies>
              <group targetFramework="net8.0"><dependency id="A" version="1.0.0"/></group>
              <group targetFramework=".NETStandard2.0"/>
              <group><dependency id="B" version="[1.0.0]"/></group>
            </dependencies>
            """)
        #expect(nuspec.dependencyGroups.count == 3)
        #expect(nuspec.dependencyGroups[0].targetFramework == (try NuGetFramework(parsing: "net8.0")))
        #expect(nuspec.dependencyGroups[1].dependencies.isEmpty)
        #expect(nuspec.dependencyGroups[1].targetFramework == (try NuGetFramework(parsing: ".NETStandard2.0")))
        #expect(nuspec.dependencyGroups[2].targetFramework == nil)
        #expect(nuspec.dependencyGroups[2].dependencies.first?.id.original == "B")
    }

    @Test("mixing <dependency> and <group> is refused")
    func mixedDependencies() throws {
        #expect(throws: NuspecError.mixedDependencyLayout) {
            try Self.parse(metadata: """
                <dependencies><dependency id="A"/><group targetFramework="net8.0"/></dependencies>
                """)
        }
    }

    @Test("packageTypes are listed in order")
    func packageTypes() throws {
        let nuspec = try Self.parse(metadata: """
            <packageTypes><packageType name="DotnetTool"/><packageType name="Custom" version="1.0"/></packageTypes>
            """)
        #expect(nuspec.packageTypes == [NuspecPackageType(name: "DotnetTool"), NuspecPackageType(name: "Custom", version: "1.0")])
    }

    @Test("license expression and license file")
    func licenses() throws {
        let expression = try Self.parse(metadata: #"<license type="expression" version="1.0.0">MIT OR Apache-2.0</license>"#)
        #expect(expression.license?.kind == .expression)
        #expect(expression.license?.value == "MIT OR Apache-2.0")
        #expect(expression.license?.version == "1.0.0")
        #expect(expression.license?.expression != nil)
        let file = try Self.parse(metadata: #"<license type="file">LICENSE.txt</license>"#)
        #expect(file.license == NuspecLicense(kind: .file, value: "LICENSE.txt"))
    }

    @Test("license with another type, or with child elements, is refused")
    func badLicense() throws {
        #expect(throws: NuspecError.invalidLicenseType("url")) {
            try Self.parse(metadata: #"<license type="url">https://x</license>"#)
        }
        #expect(throws: NuspecError.licenseHasChildElements) {
            try Self.parse(metadata: #"<license type="expression"><b>MIT</b></license>"#)
        }
    }

    @Test("repository attributes")
    func repository() throws {
        let nuspec = try Self.parse(metadata: """
            <repository type="git" url="https://github.com/o/r" branch="main" commit="abc123"/>
            """)
        #expect(nuspec.repository == NuspecRepository(type: "git", url: "https://github.com/o/r", branch: "main", commit: "abc123"))
    }

    @Test("frameworkAssemblies and frameworkReferences")
    func frameworkReferences() throws {
        let nuspec = try Self.parse(metadata: """
            <frameworkAssemblies>
              <frameworkAssembly assemblyName="System.Net.Http" targetFramework="net45, net46"/>
              <frameworkAssembly assemblyName="System.Xml"/>
            </frameworkAssemblies>
            <frameworkReferences><group targetFramework="net8.0">
              <frameworkReference name="Microsoft.AspNetCore.App"/></group></frameworkReferences>
            """)
        #expect(nuspec.frameworkAssemblies.count == 2)
        #expect(nuspec.frameworkAssemblies[0].assemblyName == "System.Net.Http")
        #expect(nuspec.frameworkAssemblies[0].targetFrameworks.count == 2)
        #expect(nuspec.frameworkAssemblies[1].targetFrameworks.isEmpty)
        #expect(nuspec.frameworkReferenceGroups.first?.names == ["Microsoft.AspNetCore.App"])
        #expect(nuspec.frameworkReferenceGroups.first?.targetFramework == (try NuGetFramework(parsing: "net8.0")))
    }

    static let missing: [(String, String)] = [
        ("id", "The nuspec has no <id> element."),
        ("version", "The nuspec has no <version> element."),
    ]

    @Test("a missing required element is named exactly", arguments: missing)
    func missingElement(_ element: String, _ message: String) throws {
        let xml = TestPackage.bare().nuspecXML.replacingOccurrences(
            of: #"<\#(element)>[^<]*</\#(element)>"#, with: "", options: .regularExpression)
        let error = #expect(throws: NuspecError.self) { try Nuspec(parsing: Data(xml.utf8)) }
        #expect(error == .missingElement(element))
        #expect(error?.message == message)
    }

    static let validatedElements: [(String, PackageValidationError, String)] = [
        ("authors", .missingAuthors, "The nuspec has no <authors> element."),
        ("description", .missingDescription, "The nuspec has no <description> element."),
    ]

    /// `.snupkg` files and some signing fixtures have neither, so reading tolerates them; push refuses.
    @Test("a missing <authors> or <description> reads as empty and fails validation exactly", arguments: validatedElements)
    func validatedElement(_ element: String, _ expected: PackageValidationError, _ message: String) throws {
        let xml = TestPackage.bare().nuspecXML.replacingOccurrences(
            of: #"<\#(element)>[^<]*</\#(element)>"#, with: "", options: .regularExpression)
        let path = try TestPackage.bare(nuspecOverride: Data(xml.utf8)).write()
        let contents = try NupkgReader.read(fileAt: path)
        let error = #expect(throws: PackageValidationError.self) { try PackageValidator.validate(contents) }
        #expect(error == expected)
        #expect(error?.message == message)
    }

    @Test("a blank required element counts as missing")
    func blankElement() throws {
        #expect(throws: NuspecError.missingElement("version")) {
            try Self.parse(TestPackage.bare(version: "   "))
        }
    }

    @Test("no <metadata>, or a root other than <package>")
    func structure() throws {
        #expect(throws: NuspecError.missingElement("metadata")) { try Nuspec(parsing: Data("<package/>".utf8)) }
        #expect(throws: NuspecError.wrongRootElement("project")) { try Nuspec(parsing: Data("<project/>".utf8)) }
    }

    @Test("an invalid id or version names the element")
    func invalidValues() throws {
        let badID = #expect(throws: NuspecError.self) { try Self.parse(TestPackage.bare(id: "bad id!")) }
        guard case .invalidValue(let element, let value, _) = badID else { Issue.record("\(String(describing: badID))"); return }
        #expect(element == "<id>" && value == "bad id!")
        #expect(badID?.message.hasPrefix("The nuspec's <id> value 'bad id!' is invalid: ") == true)
        let badVersion = #expect(throws: NuspecError.self) { try Self.parse(TestPackage.bare(version: "1.0.0.0.0")) }
        guard case .invalidValue(let versionElement, _, _) = badVersion else { Issue.record("no error"); return }
        #expect(versionElement == "<version>")
    }

    @Test("dependencies with a missing or invalid id are refused")
    func invalidDependencyID() throws {
        for attributes in [#"version="1.0""#, #"id="" version="1.0""#, #"id=" " version="1.0""#] {
            let error = #expect(throws: NuspecError.self) {
                try Self.parse(metadata: "<dependencies><dependency \(attributes)/></dependencies>")
            }
            guard case .invalidValue(let element, _, _) = error else { Issue.record("\(attributes)"); continue }
            #expect(element == "<dependency> id")
        }
    }

    @Test("UTF-8 with a BOM and UTF-16 (both byte orders) are read")
    func encodings() throws {
        let xml = TestPackage.bare(description: "Ünïcödé ✓").nuspecXML.replacingOccurrences(of: "utf-8", with: "utf-16")
        var bom8 = Data([0xEF, 0xBB, 0xBF])
        bom8.append(Data(TestPackage.bare(description: "Ünïcödé ✓").nuspecXML.utf8))
        #expect(try Nuspec(parsing: bom8).description == "Ünïcödé ✓")
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            var data = Data(encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF])
            data.append(try #require(xml.data(using: encoding)))
            #expect(try Nuspec(parsing: data).description == "Ünïcödé ✓")
        }
    }

    @Test("bytes that are not UTF-8 are refused")
    func invalidUTF8() throws {
        var data = Data(TestPackage.bare().nuspecXML.utf8)
        data.insert(contentsOf: [0xC3, 0x28], at: 60)
        #expect(throws: NuspecError.invalidEncoding) { try Nuspec(parsing: data) }
    }

    @Test("malformed XML reports a position")
    func malformed() throws {
        let error = #expect(throws: NuspecError.self) { try Nuspec(parsing: Data("<package><metadata>".utf8)) }
        guard case .malformedXML = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error?.message.hasPrefix("The nuspec is not well-formed XML") == true)
    }
}
