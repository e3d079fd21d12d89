import Foundation
import Gallery
import Testing

/// OSV events → NuGet ranges, severities and URLs (the GitHub Advisory Database's shapes).
@Suite("OSV advisory reader")
struct OSVAdvisoryReaderTests {
    static func osv(_ events: [[String: String]], severity: String? = "MODERATE", references: [[String: String]] = []) -> [String: Any] {
        var object: [String: Any] = [
            "id": "GHSA-test",
            "affected": [["package": ["ecosystem": "NuGet", "name": "Contoso.Lib"], "ranges": [["type": "ECOSYSTEM", "events": events]]]],
            "references": references,
        ]
        if let severity { object["database_specific"] = ["severity": severity] }
        return object
    }

    @Test("events become NuGet ranges", arguments: [
        ([["introduced": "0"], ["fixed": "1.2.3"]], ["(, 1.2.3)"]),
        ([["introduced": "1.0"], ["fixed": "1.1"], ["introduced": "2.0.0"]], ["[1.0.0, 1.1.0)", "[2.0.0, )"]),
        ([["introduced": "1.0.0"], ["last_affected": "1.4.0"]], ["[1.0.0, 1.4.0]"]),
        ([["introduced": "not a version"], ["fixed": "2.0.0"]], [String]()),
    ])
    func ranges(_ events: [[String: String]], _ expected: [String]) {
        let advisories = OSVAdvisoryReader.advisories(from: Self.osv(events))
        #expect(advisories.map(\.versions) == expected)
        #expect(advisories.allSatisfy { $0.lowerID == "contoso.lib" && $0.page == .base })
    }

    @Test("severity from database_specific (Low when absent); the ADVISORY reference, else WEB, else osv.dev")
    func severityAndURL() {
        let events = [["introduced": "0"]]
        #expect(OSVAdvisoryReader.advisories(from: Self.osv(events, severity: "CRITICAL")).first?.severity == 3)
        #expect(OSVAdvisoryReader.advisories(from: Self.osv(events, severity: nil)).first?.severity == 0)
        #expect(OSVAdvisoryReader.advisories(from: Self.osv(events)).first?.url == "https://osv.dev/vulnerability/GHSA-test")
        let web = OSVAdvisoryReader.advisories(from: Self.osv(events, references: [["type": "WEB", "url": "https://w"]]))
        #expect(web.first?.url == "https://w")
    }

    @Test("other ecosystems and withdrawn advisories are skipped")
    func skipped() {
        var npm = Self.osv([["introduced": "0"]])
        npm["affected"] = [["package": ["ecosystem": "npm", "name": "contoso"], "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"]]]]]]
        #expect(OSVAdvisoryReader.advisories(from: npm).isEmpty)
        var withdrawn = Self.osv([["introduced": "0"]])
        withdrawn["withdrawn"] = "2026-01-01T00:00:00Z"
        #expect(OSVAdvisoryReader.advisories(from: withdrawn).isEmpty)
    }

    @Test("pages sort by maximum version descending, then minimum, then URL; an empty page is {}")
    func pageOrder() throws {
        func advisory(_ versions: String, _ url: String) -> Advisory {
            Advisory(advisoryID: url, lowerID: "x", versions: versions, severity: 1, url: url, page: .base)
        }
        let page = VulnerabilityRenderer.page([
            advisory("[1.0.0, 2.0.0)", "https://b"), advisory("[1.5.0, 2.0.0)", "https://c"), advisory("[3.0.0, )", "https://d"),
            advisory("[1.0.0, 2.0.0)", "https://a"), advisory("(, 1.0.0)", "https://e"),
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: page) as? [String: [[String: Any]]])
        #expect(object["x"]?.compactMap { $0["url"] as? String } == ["https://d", "https://c", "https://a", "https://b", "https://e"])
        #expect(String(decoding: VulnerabilityRenderer.page([]), as: UTF8.self) == "{}\n")
    }
}
