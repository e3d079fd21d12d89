import Foundation
import Gallery
import Mustache
import Testing
@testable import WebGallery

@Suite("web gallery view helpers")
struct ViewModelTests {
    @Test("numbers are digit-grouped and kilo-formatted as on nuget.org",
          arguments: [(0, "0", "0"), (999, "999", "999"), (1_234, "1,234", "1.2K"), (3_400_000, "3,400,000", "3.4M"),
                      (125_000, "125,000", "125K")])
    func numbers(value: Int64, grouped: String, compact: String) {
        #expect(Format.grouped(value) == grouped)
        #expect(Format.compact(value) == compact)
    }

    @Test("path segments: the all-ASCII-safe shortcut gives what percent-encoding gives",
          arguments: ["Contoso.Lib", "1.0.0-beta+build.1", "a~b_c", "", "a b", "é", "x/y?z#%", "O'Brien&Co"])
    func pathSegments(text: String) {
        #expect(Format.pathSegment(text) == text.addingPercentEncoding(withAllowedCharacters: .pathSegment))
    }

    @Test("version ranges read like nuget.org's", arguments: [
        ("[1.0.0, )", ">= 1.0.0"), ("[1.0.0]", "= 1.0.0"), ("(, 2.0.0)", "< 2.0.0"), ("[1.0.0, 2.0.0)", ">= 1.0.0 && < 2.0.0"),
        ("1.0.0", ">= 1.0.0"),
    ])
    func ranges(range: String, expected: String) {
        #expect(WebGallery.prettyRange(range) == expected)
    }

    @Test("license expressions link each identifier to spdx.org")
    func license() {
        let parts = WebGallery.licenseParts("(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0")
        #expect(parts.map(\.text).joined() == "(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0")
        #expect(parts.compactMap(\.url).count == 4)
        #expect(parts.first { $0.text == "MIT" }?.url == "https://spdx.org/licenses/MIT.html")
    }

    @Test("the chart covers 90 days, newest row first, and names its total")
    func chart() {
        let chart = DownloadChart(history: [DailyDownloads(day: 100, downloads: 5), DailyDownloads(day: 99, downloads: 2),
                                            DailyDownloads(day: 5, downloads: 1_000)], today: 100)
        #expect(chart.rows.count == 90)
        #expect(chart.rows.first?.downloads == "5")
        #expect(chart.total == 7)
        #expect(chart.svg.contains(#"role="img""#))
        #expect(chart.svg.contains("7 downloads in total"))
        #expect(chart.svg.components(separatedBy: "<rect").count - 1 == 90)
        #expect(!chart.isEmpty)
        #expect(DownloadChart(history: [DailyDownloads(day: 5, downloads: 9)], today: 100).isEmpty, "outside the window")
    }

    @Test("install snippets follow the package type")
    func snippets() {
        let tool = InstallSnippets.tabs(id: "My.Tool", version: "1.0.0", packageTypes: ["DotnetTool"], developmentDependency: false)
        #expect(tool.first?.snippets.first?.code == "dotnet tool install --global My.Tool --version 1.0.0")
        let library = InstallSnippets.tabs(id: "My.Lib", version: "2.0.0", packageTypes: ["Dependency"], developmentDependency: false)
        #expect(library.map(\.label).contains("Central Package Management"))
        #expect(library.filter(\.selected).count == 1)
    }

    @Test("every template parses")
    func templates() {
        let library = WebGallery.makeLibrary()
        for name in ["layout", "packageItem", "pager", "home", "search", "package", "profile", "stats", "error", "license"] {
            #expect(library.getTemplate(named: name) != nil, "\(name)")
        }
    }
}
