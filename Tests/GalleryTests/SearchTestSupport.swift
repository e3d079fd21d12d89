import Foundation
import Gallery
import NuGetCore

/// Builds search fixtures: one record per call, with version facts derived by NuGetCore.
enum SearchFixture {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func record(
        _ id: String, _ version: String, listed: Bool = true, downloads: Int64 = 0,
        title: String? = nil, description: String = "A package.", summary: String? = nil,
        authors: String = "Contoso", tags: [String] = [], packageTypes: [String] = [],
        semVer2Dependency: Bool = false
    ) -> PackageVersionRecord {
        let parsed = try! NuGetVersion(parsing: version)
        return PackageVersionRecord(
            id: id, version: parsed.full, normalizedVersion: parsed.normalized, verbatimVersion: version,
            isPrerelease: parsed.isPrerelease, isSemVer2: parsed.isSemVer2 || semVer2Dependency, listed: listed,
            created: epoch, published: epoch, packageSize: 100, packageHash: "hash", downloads: downloads,
            metadata: PackageMetadata(
                title: title, authors: authors, description: description, summary: summary, tags: tags,
                packageTypes: packageTypes.map { PackageTypeInfo(name: $0) }
            )
        )
    }

    /// An index holding `packages`, each a list of records of one id.
    static func index(_ packages: [[PackageVersionRecord]], owners: [String: [String]] = [:]) -> SearchIndex {
        let index = SearchIndex()
        for records in packages {
            index.upsert(records, owners: owners[records[0].lowerID] ?? ["owner-\(records[0].lowerID)"])
        }
        return index
    }

    /// Ids of a search, in result order.
    static func ids(_ index: SearchIndex, _ q: String, prerelease: Bool = true, semVer2: Bool = true) -> [String] {
        index.search(SearchQuery(q: q, take: 1000, includePrerelease: prerelease, includeSemVer2: semVer2)).hits.map(\.id)
    }

    /// The ranking fixture: each package matches `json` at one tier, and lower tiers have more
    /// downloads, so the order proves tiers win over popularity.
    static let rankingPackages: [[PackageVersionRecord]] = [
        [record("Plain.Lib", "1.0.0", downloads: 900, description: "Reads JSON quickly.")],
        [record("Authored.Lib", "1.0.0", downloads: 800, authors: "Json Team")],
        [record("Tagged.Lib", "1.0.0", downloads: 700, tags: ["json", "parser"])],
        [record("Titled.Lib", "1.0.0", downloads: 600, title: "JSON Toolkit")],
        [record("Newtonsoft.Json", "1.0.0", downloads: 500)],
        [record("FastJsonSerializer", "1.0.0", downloads: 450)],
        [record("JsonKit", "1.0.0", downloads: 400)],
        [record("Json", "1.0.0", downloads: 10)],
        [record("Unrelated", "1.0.0", downloads: 5000, description: "Nothing to see.")],
    ]
}
