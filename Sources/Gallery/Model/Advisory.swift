import Foundation
import NuGetCore

/// One known vulnerability of a range of versions of one package: what NuGetAudit reads from
/// `VulnerabilityInfo/6.7.0` and what registration shows per version (protocol §11).
public struct Advisory: Sendable, Equatable, Codable, Hashable {
    /// Which page of the vulnerability index holds it: imports rebuild `base`, private advisories go to `update`.
    public enum Page: String, Sendable, Codable, CaseIterable {
        case base
        case update
    }

    /// The advisory's id (`GHSA-…` from the GitHub Advisory Database, or an in-house id).
    public var advisoryID: String
    /// `lower(id)` of the affected package.
    public var lowerID: String
    /// The affected versions as a NuGet range (`[1.0.0, 2.0.0)`, `(, 1.2.3)`).
    public var versions: String
    /// 0 Low, 1 Moderate, 2 High, 3 Critical.
    public var severity: Int
    /// The advisory's web page.
    public var url: String
    public var page: Page

    /// Creates an advisory.
    public init(advisoryID: String, lowerID: String, versions: String, severity: Int, url: String, page: Page) {
        self.advisoryID = advisoryID
        self.lowerID = lowerID
        self.versions = versions
        self.severity = severity
        self.url = url
        self.page = page
    }

    /// Severity names as OSV and the command line write them, in protocol order.
    public static let severityNames = ["low", "moderate", "high", "critical"]

    /// `low`/`moderate`/`medium`/`high`/`critical` (any case) or `0`–`3`; nil otherwise.
    public static func severity(named text: String) -> Int? {
        let lower = text.lowercased()
        if lower == "medium" { return 1 }
        if let index = severityNames.firstIndex(of: lower) { return index }
        if let number = Int(lower), (0...3).contains(number) { return number }
        return nil
    }
}

extension Advisory {
    /// Whether the advisory's affected range contains `version` (an unparsable range or version affects nothing).
    public func affects(_ version: String) -> Bool {
        guard let parsed = try? NuGetVersion(parsing: version), let range = try? VersionRange(parsing: versions) else { return false }
        return range.contains(parsed)
    }
}
