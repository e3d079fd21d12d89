public import NuGetProtocol

/// Writes `SearchQueryService` answers (protocol §5) straight to their wire bytes, keeping each hit's rendered entry
/// while its package is unchanged (`SearchHitFragments`).
///
/// The bytes are those of `SearchResponseRenderer.render(_:semVer2:)` encoded with `wireBytes`:
/// `SearchAnswerWriterTests` compares both. One per feed URL set (a node's routes hold one).
public final class SearchAnswerWriter: Sendable {
    let renderer: SearchResponseRenderer
    let fragments: SearchHitFragments

    /// A writer for answers with the URLs of `urls`, keeping at most `keptBytes` of rendered hits.
    public init(urls: FeedURLs, keptBytes: Int = 64 << 20) {
        renderer = SearchResponseRenderer(urls: urls)
        fragments = SearchHitFragments(capacityBytes: keptBytes)
    }

    /// The answer's body: `{"data":[…],"totalHits":n}`.
    func answer(_ page: RankedPage?) -> [UInt8] {
        guard let page else { return SearchResponse(totalHits: 0, data: []).wireBytes }
        let hits = page.slots.map { (slot: $0, package: page.state.packages[$0]!) }
        let (entries, found) = fragments.entries(hits, combination: page.combination) { package in
            var writer = WireJSONWriter(capacity: 2048)
            renderer.writeHit(package, combination: page.combination, to: &writer)
            return writer.bytes
        }
        GalleryMetrics.countSearchHitEntries(found: found, rendered: hits.count - found)
        var writer = WireJSONWriter(capacity: entries.reduce(32) { $0 + $1.count + 1 })
        writer.object { w in
            w.key("data")
            w.array(count: entries.count) { w, n in w.encoded(entries[n]) }
            w.member("totalHits", Int64(page.totalHits))
        }
        return writer.bytes
    }
}

extension SearchIndex {
    /// `SearchResponseRenderer.render(search(query), semVer2: query.includeSemVer2).wireBytes`, with the hits' entries
    /// kept by `writer` between answers.
    public func searchAnswer(_ query: SearchQuery, writer: SearchAnswerWriter) -> [UInt8] {
        writer.answer(rankedPage(query))
    }
}
