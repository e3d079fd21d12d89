import Foundation
import Logging

extension Upstreams {
    /// The upstream part of a search page: results that come after the feed's own (`localTotal` of them, of
    /// which this page shows `localShown`), so paging runs through local results first, then the upstreams'.
    /// Items whose id `shadowed` says stays local (an id of this feed, a reserved prefix) are dropped (so a page may
    /// hold fewer than `take`; the total still counts them, the same on every page). Each item
    /// comes with the name of its upstream. An upstream that fails is left out (search still answers with the
    /// rest) and counts toward its breaker.
    public func search(
        _ request: UpstreamSearchRequest, localTotal: Int, localShown: Int, shadowed: @Sendable (String) -> Bool
    ) async -> (totalHits: Int, items: [(upstream: String, item: UpstreamSearchPage.Item)]) {
        var page = request
        page.skip = max(0, request.skip - localTotal)
        page.take = max(0, request.take - localShown)
        var total = 0
        var items: [(upstream: String, item: UpstreamSearchPage.Item)] = []
        for (index, source) in sources.enumerated() where isClosed(index) {
            do {
                guard let answer = try await source.search(page) else { continue }
                succeeded(index)
                let kept = answer.items.filter { !shadowed($0.id.lowercased()) }
                // The upstream's own total, shadowed ids included: what a page drops cannot be known for the
                // pages not fetched, and a total that changed from page to page would break paging clients.
                total += answer.totalHits
                for item in kept where items.count < page.take { items.append((source.name, item)) }
            } catch {
                failed(index, error as? UpstreamFailure ?? UpstreamFailure("\(source.name): \(error)"))
                logger.warning("upstream search failed", metadata: ["upstream": "\(source.name)", "error": "\(error)"])
            }
        }
        return (max(0, total), items)
    }
}
