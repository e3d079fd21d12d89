import Foundation
import NuGetCore

/// Reads advisories in OSV JSON, the GitHub Advisory Database's format, for packages of the `NuGet` ecosystem:
/// each `affected[]` entry's `ECOSYSTEM` ranges become NuGet version ranges (`introduced`/`fixed` pairs,
/// `last_affected` as an inclusive maximum). Nothing is fetched: the files are read from disk.
public enum OSVAdvisoryReader {
    /// Why an OSV file could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every NuGet advisory under `path`: one file (an OSV object or an array of them) or a folder searched
    /// recursively for `.json` files (a checkout of github/advisory-database). Files of other ecosystems and
    /// withdrawn advisories are skipped.
    public static func advisories(at path: String) throws -> [Advisory] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "'\(path)' does not exist.")
        }
        guard isDirectory.boolValue else { return try advisories(in: URL(fileURLWithPath: path)) }
        var found: [Advisory] = []
        let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension.lowercased() == "json" else { continue }
            found += try advisories(in: url)
        }
        return found
    }

    static func advisories(in file: URL) throws -> [Advisory] {
        let data = try Data(contentsOf: file)
        guard let json = try? JSONSerialization.jsonObject(with: data) else {
            throw ReadError(description: "'\(file.path)' is not JSON.")
        }
        let objects = (json as? [[String: Any]]) ?? [(json as? [String: Any])].compactMap { $0 }
        return objects.flatMap(advisories(from:))
    }

    /// The NuGet advisories of one OSV object.
    public static func advisories(from osv: [String: Any]) -> [Advisory] {
        guard let id = osv["id"] as? String, !id.isEmpty, osv["withdrawn"] == nil else { return [] }
        let severity = severity(of: osv)
        let url = advisoryURL(of: osv, id: id)
        var found: [Advisory] = []
        for affected in osv["affected"] as? [[String: Any]] ?? [] {
            guard let package = affected["package"] as? [String: Any],
                  (package["ecosystem"] as? String)?.lowercased() == "nuget",
                  let name = package["name"] as? String, let packageID = try? PackageID(validating: name) else { continue }
            for range in affected["ranges"] as? [[String: Any]] ?? [] where (range["type"] as? String) == "ECOSYSTEM" {
                for versions in nuGetRanges(range["events"] as? [[String: String]] ?? []) {
                    found.append(Advisory(
                        advisoryID: id, lowerID: packageID.lowercased, versions: versions, severity: severity, url: url, page: .base))
                }
            }
        }
        return found
    }

    /// OSV events in order: each `introduced` opens a range that the next `fixed` (exclusive) or
    /// `last_affected` (inclusive) closes; `introduced: "0"` means from the first version.
    static func nuGetRanges(_ events: [[String: String]]) -> [String] {
        var ranges: [String] = []
        var open: NuGetVersion??  // nil: no range open; .some(nil): open from the start
        for event in events {
            if let introduced = event["introduced"] {
                if introduced == "0" {
                    open = .some(nil)
                } else {
                    // A version NuGet cannot parse opens nothing rather than a range from the start.
                    open = (try? NuGetVersion(parsing: introduced)).map { .some($0) } ?? nil
                }
            } else if let fixed = event["fixed"].flatMap({ try? NuGetVersion(parsing: $0) }), let start = open {
                ranges.append(VersionRange(minVersion: start, isMinInclusive: start != nil, maxVersion: fixed, isMaxInclusive: false).normalized)
                open = nil
            } else if let last = event["last_affected"].flatMap({ try? NuGetVersion(parsing: $0) }), let start = open {
                ranges.append(VersionRange(minVersion: start, isMinInclusive: start != nil, maxVersion: last, isMaxInclusive: true).normalized)
                open = nil
            }
        }
        if let start = open {
            ranges.append(VersionRange(minVersion: start, isMinInclusive: start != nil, maxVersion: nil, isMaxInclusive: false).normalized)
        }
        return ranges
    }

    /// GitHub's `database_specific.severity` (LOW, MODERATE, HIGH, CRITICAL); Low when absent (protocol §11).
    static func severity(of osv: [String: Any]) -> Int {
        let specific = osv["database_specific"] as? [String: Any]
        return (specific?["severity"] as? String).flatMap(Advisory.severity(named:)) ?? 0
    }

    /// The `ADVISORY` reference, else the first `WEB` one, else the advisory's page on osv.dev.
    static func advisoryURL(of osv: [String: Any], id: String) -> String {
        let references = osv["references"] as? [[String: String]] ?? []
        for type in ["ADVISORY", "WEB"] {
            if let url = references.first(where: { $0["type"] == type })?["url"] { return url }
        }
        return "https://osv.dev/vulnerability/\(id)"
    }
}
