import Foundation
import Gallery
import Testing

@Suite("Search filtering: listing, prerelease, SemVer level, package types, paging")
struct SearchFilteringTests {
    typealias R = SearchFixture

    /// Contoso.Utils: 1.0.0, 1.1.0 (unlisted), 2.0.0-beta, 2.1.0+build (SemVer 2 by metadata).
    static let utils = [
        R.record("Contoso.Utils", "1.0.0", downloads: 40, description: "Stable utilities."),
        R.record("Contoso.Utils", "1.1.0", listed: false, downloads: 7, description: "Unlisted zebra."),
        R.record("Contoso.Utils", "2.0.0-beta", downloads: 3, description: "Beta gizmo."),
        R.record("Contoso.Utils", "2.1.0+build.5", downloads: 1, description: "SemVer2 only."),
    ]

    struct FilterCase: Sendable, CustomTestStringConvertible {
        let prerelease: Bool, semVer2: Bool
        let latest: String
        let versions: [String]
        var testDescription: String { "prerelease=\(prerelease) semVer2=\(semVer2)" }
    }

    @Test(
        "prerelease and SemVer level filter versions before the latest is picked",
        arguments: [
            FilterCase(prerelease: false, semVer2: false, latest: "1.0.0", versions: ["1.0.0"]),
            FilterCase(prerelease: true, semVer2: false, latest: "2.0.0-beta", versions: ["1.0.0", "2.0.0-beta"]),
            FilterCase(prerelease: false, semVer2: true, latest: "2.1.0+build.5", versions: ["1.0.0", "2.1.0+build.5"]),
            FilterCase(prerelease: true, semVer2: true, latest: "2.1.0+build.5", versions: ["1.0.0", "2.0.0-beta", "2.1.0+build.5"]),
        ]
    )
    func filterOrder(_ c: FilterCase) throws {
        let index = R.index([Self.utils])
        let results = index.search(SearchQuery(includePrerelease: c.prerelease, includeSemVer2: c.semVer2))
        let hit = try #require(results.hits.first)
        #expect(hit.latest.version == c.latest)
        #expect(hit.versions.map(\.version) == c.versions)
    }

    @Test(
        "displayed and searched metadata come from the latest version the filters keep",
        arguments: [("gizmo", false, 0), ("gizmo", true, 1), ("stable", false, 1), ("stable", true, 0), ("zebra", true, 0)]
    )
    func metadataFromLatest(_ word: String, _ prerelease: Bool, _ expectedHits: Int) {
        let index = R.index([Self.utils])
        let results = index.search(SearchQuery(q: word, includePrerelease: prerelease, includeSemVer2: false))
        #expect(results.totalHits == expectedHits)
    }

    @Test("a package whose only versions are prerelease is dropped without prerelease=true")
    func prereleaseOnlyDropped() {
        let index = R.index([[R.record("Beta.Only", "0.1.0-alpha")], [R.record("Stable", "1.0.0")]])
        #expect(R.ids(index, "", prerelease: false) == ["Stable"])
        #expect(Set(R.ids(index, "", prerelease: true)) == ["Beta.Only", "Stable"])
    }

    @Test("a SemVer 2 package (by dependency) is hidden from SemVer 1 requests")
    func semVer2ByDependency() {
        let index = R.index([[R.record("Modern", "1.0.0", semVer2Dependency: true)]])
        #expect(R.ids(index, "", semVer2: false).isEmpty)
        #expect(R.ids(index, "", semVer2: true) == ["Modern"])
    }

    @Test("unlisting every version removes the package; relisting brings it back")
    func unlistAndRelist() {
        let index = R.index([[R.record("Gone", "1.0.0"), R.record("Gone", "2.0.0")], [R.record("Kept", "1.0.0")]])
        index.upsert([R.record("Gone", "1.0.0", listed: false), R.record("Gone", "2.0.0", listed: false)], owners: [])
        #expect(R.ids(index, "") == ["Kept"])
        #expect(index.autocompleteVersions(id: "gone", prerelease: true, semVer2: true).isEmpty)
        index.upsert([R.record("Gone", "1.0.0", listed: false), R.record("Gone", "2.0.0")], owners: [])
        let hit = index.search(SearchQuery(q: "packageid:gone")).hits.first
        #expect(hit?.versions.map(\.version) == ["2.0.0"])
    }

    @Test("an unlisted highest version is never the latest")
    func unlistedLatestSkipped() {
        let index = R.index([[R.record("Lib", "1.0.0"), R.record("Lib", "3.0.0", listed: false)]])
        #expect(index.search(SearchQuery()).hits.first?.latest.version == "1.0.0")
    }

    @Test("remove forgets an id; pending and deleted records are ignored")
    func removeAndStates() {
        var deleted = R.record("Lib", "2.0.0")
        deleted.state = .deleted
        var pending = R.record("Lib", "3.0.0")
        pending.state = .pending
        let index = R.index([[R.record("Lib", "1.0.0"), deleted, pending], [R.record("Other", "1.0.0")]])
        #expect(index.search(SearchQuery(q: "packageid:lib")).hits.first?.versions.map(\.version) == ["1.0.0"])
        index.remove(lowerID: "LIB")
        #expect(R.ids(index, "") == ["Other"])
        #expect(index.count == 1)
    }

    @Test("versions carry their downloads; totalDownloads counts unlisted versions too; addDownloads updates both")
    func downloads() throws {
        let index = R.index([Self.utils])
        var hit = try #require(index.search(SearchQuery(includePrerelease: true, includeSemVer2: true)).hits.first)
        #expect(hit.versions.map(\.downloads) == [40, 3, 1])
        #expect(hit.totalDownloads == 51)
        index.addDownloads([
            .init(lowerID: "contoso.utils", lowerVersion: "1.0.0"): 5,
            .init(lowerID: "contoso.utils", lowerVersion: "1.1.0"): 2,
            .init(lowerID: "unknown", lowerVersion: "1.0.0"): 9,
        ])
        hit = try #require(index.search(SearchQuery(includePrerelease: true, includeSemVer2: true)).hits.first)
        #expect(hit.versions.map(\.downloads) == [45, 3, 1])
        #expect(hit.totalDownloads == 58)
    }

    static let typed: [[PackageVersionRecord]] = [
        [R.record("My.Tool", "1.0.0", packageTypes: ["DotnetTool"])],
        [R.record("My.Template", "1.0.0", packageTypes: ["Template"])],
        [R.record("My.Lib", "1.0.0")],
        // The latest version's types count: 1.0.0 was a tool, 2.0.0 is not.
        [R.record("Was.Tool", "1.0.0", packageTypes: ["DotnetTool"]), R.record("Was.Tool", "2.0.0")],
    ]

    @Test(
        "package type filter under each parameter spelling, case-insensitive; unknown type gives nothing",
        arguments: [
            ("packageType", "DotnetTool", ["My.Tool"]),
            ("packageTypes", "dotnettool", ["My.Tool"]),
            ("packageTypeFilter", "DOTNETTOOL", ["My.Tool"]),
            ("packageType", "Dependency", ["My.Lib", "Was.Tool"]),
            ("packageType", "NoSuchType", []),
            ("packageType", "", ["My.Lib", "My.Template", "My.Tool", "Was.Tool"]),
        ]
    )
    func packageTypes(_ name: String, _ value: String, _ expected: [String]) throws {
        let index = R.index(Self.typed)
        let query = try SearchQuery(parameters: [name: value])
        #expect(index.search(query).hits.map(\.id) == expected)
    }

    @Test(
        "skip and take page the ranked list; totalHits ignores them",
        arguments: [(0, 5, 0..<5), (10, 5, 10..<15), (28, 5, 28..<30), (30, 5, 30..<30), (0, 0, 0..<0), (3, 27, 3..<30)]
    )
    func paging(_ skip: Int, _ take: Int, _ expected: Range<Int>) {
        // Pkg00 has the most downloads, so the browse order is Pkg00, Pkg01, …
        let packages = (0..<30).map { n in [R.record(String(format: "Pkg%02d", n), "1.0.0", downloads: Int64(1000 - n))] }
        let index = R.index(packages)
        let results = index.search(SearchQuery(skip: skip, take: take))
        #expect(results.totalHits == 30)
        #expect(results.hits.map(\.id) == expected.map { String(format: "Pkg%02d", $0) })
    }

    @Test("concurrent searches and writes stay consistent")
    func concurrency() async {
        let index = SearchIndex()
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<200 {
                group.addTask { index.upsert([R.record("Pkg\(n)", "1.0.0")], owners: []) }
                group.addTask { _ = index.search(SearchQuery(q: "pkg")) }
            }
        }
        #expect(index.search(SearchQuery(q: "pkg")).totalHits == 200)
    }
}
