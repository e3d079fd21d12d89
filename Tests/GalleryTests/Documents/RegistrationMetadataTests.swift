import Foundation
import Gallery
import Testing

/// catalogEntry's URL rules (license, icon, readme), frameworks, dependency groups and deprecation.
@Suite("Registration catalogEntry metadata")
struct RegistrationMetadataTests {
    static func entry(_ metadata: (inout PackageMetadata) -> Void) throws -> JSONObject {
        try RegistrationShapeTests.leaf(try RecordFixture.record(metadata: metadata)).object("catalogEntry")
    }

    @Test("license expression: licenses.nuget.org URL and the expression", arguments: [
        ("MIT", "https://licenses.nuget.org/MIT"),
        ("MIT OR Apache-2.0", "https://licenses.nuget.org/MIT%20OR%20Apache-2.0"),
        ("(MIT AND BSD-3-Clause)", "https://licenses.nuget.org/(MIT%20AND%20BSD-3-Clause)"),
    ])
    func licenseExpression(expression: String, url: String) throws {
        let entry = try Self.entry {
            $0.licenseExpression = expression
            $0.licenseUrl = "https://aka.ms/deprecateLicenseUrl"  // what dotnet pack writes beside <license>
        }
        #expect(entry["licenseExpression"] as? String == expression)
        #expect(entry["licenseUrl"] as? String == url)
    }

    @Test("license file: the copy the flat container serves")
    func licenseFile() throws {
        let entry = try Self.entry {
            $0.licenseFile = "docs/LICENSE.md"
            $0.licenseUrl = "https://aka.ms/deprecateLicenseUrl"
        }
        #expect(entry["licenseUrl"] as? String == RecordFixture.v3 + "flat/contoso.utils/1.0.0/license")
        #expect(entry["licenseExpression"] == nil)
    }

    @Test("no <license>: the nuspec licenseUrl as authored")
    func legacyLicenseURL() throws {
        let entry = try Self.entry { $0.licenseUrl = "https://contoso.example/license" }
        #expect(entry["licenseUrl"] as? String == "https://contoso.example/license")
    }

    @Test("iconUrl: embedded icon, else the nuspec iconUrl, else empty", arguments: [
        (true, Optional("https://contoso.example/icon.png"), RecordFixture.v3 + "flat/contoso.utils/1.0.0/icon"),
        (false, Optional("https://contoso.example/icon.png"), "https://contoso.example/icon.png"),
        (false, nil, ""),
    ])
    func iconURL(hasIcon: Bool, nuspecURL: String?, expected: String) throws {
        let entry = try Self.entry {
            $0.hasIcon = hasIcon
            $0.iconUrl = nuspecURL
        }
        #expect(entry["iconUrl"] as? String == expected)
    }

    @Test("readmeUrl: the gallery page's readme tab when the package embeds a readme", arguments: [
        (true, "https://pkgs.example.com/packages/Contoso.Utils/1.0.0#readme-body-tab"),
        (false, ""),
    ])
    func readmeURL(hasReadme: Bool, expected: String) throws {
        let entry = try Self.entry { $0.hasReadme = hasReadme }
        #expect(entry["readmeUrl"] as? String == expected)
    }

    @Test("dependency groups: framework names, any-group without targetFramework, empty group without dependencies")
    func dependencyGroups() throws {
        let entry = try Self.entry {
            $0.dependencyGroups = [
                DependencyGroupInfo(targetFramework: nil, dependencies: [DependencyInfo(id: "Contoso.Core", range: "")]),
                DependencyGroupInfo(targetFramework: "netstandard2.0", dependencies: []),
                DependencyGroupInfo(targetFramework: "net8.0", dependencies: [DependencyInfo(id: "A", range: "[1.0.0, )")]),
            ]
        }
        let groups = try entry.objects("dependencyGroups")
        #expect(groups.count == 3)
        #expect(groups[0]["targetFramework"] == nil)
        // An absent range is written as NuGet's "all versions" range.
        #expect(try groups[0].objects("dependencies").first?["range"] as? String == "(, )")
        #expect(groups[1]["targetFramework"] as? String == ".NETStandard2.0")
        #expect(groups[1]["dependencies"] == nil)
        #expect(groups[2]["targetFramework"] as? String == "net8.0")
    }

    @Test("target frameworks use NuGet.Frameworks' registration names", arguments: [
        ("netstandard2.0", ".NETStandard2.0"),
        ("net8.0", "net8.0"),
        ("net472", ".NETFramework4.7.2"),
        ("netcoreapp3.1", ".NETCoreApp3.1"),
    ])
    func frameworkNames(shortName: String, registrationName: String) throws {
        let entry = try Self.entry {
            $0.dependencyGroups = [DependencyGroupInfo(targetFramework: shortName, dependencies: [])]
        }
        #expect(try entry.objects("dependencyGroups").first?["targetFramework"] as? String == registrationName)
    }

    @Test("deprecation: reasons, message and alternate package (range * when unset)", arguments: [
        (Optional("[2.0.0, )"), "[2.0.0, )"),
        (nil, "*"),
    ])
    func deprecation(range: String?, expectedRange: String) throws {
        let record = try RecordFixture.record(configure: {
            $0.deprecation = PackageDeprecation(
                reasons: ["Legacy", "CriticalBugs"], message: "Use Contoso.Utils2.",
                alternatePackageID: "Contoso.Utils2", alternatePackageRange: range)
        })
        let deprecation = try RegistrationShapeTests.leaf(record).object("catalogEntry").object("deprecation")
        #expect(deprecation["reasons"] as? [String] == ["Legacy", "CriticalBugs"])
        #expect(deprecation["message"] as? String == "Use Contoso.Utils2.")
        let alternate = try deprecation.object("alternatePackage")
        #expect(alternate["id"] as? String == "Contoso.Utils2")
        #expect(alternate["range"] as? String == expectedRange)
    }

    @Test("deprecation without an alternate package has no alternatePackage key")
    func deprecationWithoutAlternate() throws {
        let record = try RecordFixture.record(configure: { $0.deprecation = PackageDeprecation(reasons: ["Other"]) })
        let deprecation = try RegistrationShapeTests.leaf(record).object("catalogEntry").object("deprecation")
        #expect(deprecation["reasons"] as? [String] == ["Other"])
        #expect(deprecation["alternatePackage"] == nil)
        #expect(deprecation["message"] == nil)
    }
}
