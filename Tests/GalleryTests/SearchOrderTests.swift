import Foundation
import Gallery
import Testing

/// The web gallery's other sorts, done by the index: the page is the matching packages in that order,
/// exactly as sorting every match and cutting the page would give, with the same total.
@Suite("Search orders other than relevance")
struct SearchOrderTests {
    /// 60 packages matching `json` (and 10 that do not), downloads and publication dates shuffled, with ties.
    static func index() -> SearchIndex {
        var packages: [[PackageVersionRecord]] = []
        for n in 0..<70 {
            var record = SearchFixture.record(
                "Pkg.\(n)", "1.\(n % 3).0", downloads: Int64((n * 37) % 11) * 100,
                description: n < 60 ? "Reads JSON." : "Something else.")
            record.published = SearchFixture.epoch.addingTimeInterval(Double((n * 53) % 17) * 3_600)
            packages.append([record])
        }
        return SearchFixture.index(packages)
    }

    static func expected(_ index: SearchIndex, _ order: SearchOrder) -> [String] {
        var all = index.search(SearchQuery(q: "json", take: 1000, includePrerelease: true, includeSemVer2: true)).hits
        switch order {
        case .relevance: break
        case .downloads: all.sort { ($0.totalDownloads, $1.lowerID) > ($1.totalDownloads, $0.lowerID) }
        case .recentlyPublished: all.sort { ($0.latest.published, $1.lowerID) > ($1.latest.published, $0.lowerID) }
        }
        return all.map(\.id)
    }

    @Test("every page of downloads and recently-published orders equals the whole sorted list cut there", arguments: [SearchOrder.downloads, .recentlyPublished])
    func pagesMatchFullSort(order: SearchOrder) {
        let index = Self.index()
        let expected = Self.expected(index, order)
        #expect(expected.count == 60)
        for (skip, take) in [(0, 20), (20, 20), (40, 20), (5, 7), (55, 20), (0, 60), (60, 5)] {
            var query = SearchQuery(q: "json", skip: skip, take: take, includePrerelease: true, includeSemVer2: true)
            query.order = order
            let page = index.search(query)
            #expect(page.totalHits == 60)
            #expect(page.hits.map(\.id) == Array(expected.dropFirst(skip).prefix(take)), "\(order) skip \(skip) take \(take)")
        }
    }

    @Test("the downloads of every match are summed whatever the page (a profile's total without building every hit)")
    func downloadsOfMatches() {
        let index = Self.index()
        let all = index.search(SearchQuery(q: "json", take: 1000, includePrerelease: true, includeSemVer2: true))
        let sum = all.hits.reduce(Int64(0)) { $0 + $1.totalDownloads }
        #expect(sum > 0 && all.totalDownloadsOfMatches == sum)
        let page = index.search(SearchQuery(q: "json", skip: 40, take: 5, includePrerelease: true, includeSemVer2: true))
        #expect(page.hits.count == 5 && page.totalDownloadsOfMatches == sum)
    }

    @Test("the order is part of the answer cache's key")
    func cacheKey() {
        var query = SearchQuery(q: "json")
        let relevance = query.cacheKey
        query.order = .downloads
        #expect(query.cacheKey != relevance)
    }
}
