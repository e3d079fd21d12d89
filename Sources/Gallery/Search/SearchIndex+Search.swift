import Foundation
import Synchronization

extension SearchIndex {
    /// Runs a search (protocol §5).
    ///
    /// Filtering happens first: the prerelease/SemVer combination picks each package's latest
    /// listed version (packages left with none are dropped, §12.17), then the package type of
    /// that version and every `field:value` filter must hold. Free words are ORed; ranking is
    /// by the number of words matched, then by how well they matched (exact id > id prefix >
    /// id token > title/tags > description/summary/authors), then total downloads, then id.
    /// An empty `q` lists every package by downloads.
    public func search(_ query: SearchQuery) -> SearchResults {
        search(query, scanEverySlot: false)
    }

    /// `search`, looking at every slot instead of the query's candidates when `scanEverySlot` (tests compare both).
    func search(_ query: SearchQuery, scanEverySlot: Bool) -> SearchResults {
        guard let page = rankedPage(query, scanEverySlot: scanEverySlot) else {
            return SearchResults(totalHits: 0, hits: [])
        }
        let hits = page.slots.map { page.state.packages[$0]!.hit(combination: page.combination) }
        return SearchResults(totalHits: page.totalHits, hits: hits, totalDownloadsOfMatches: page.totalDownloadsOfMatches)
    }

    /// The query's ranked page: the slots of the requested hits, best first, in the snapshot they were ranked in.
    /// Nil when the query can match nothing (`SearchPlan`).
    func rankedPage(_ query: SearchQuery, scanEverySlot: Bool = false) -> RankedPage? {
        let state = snapshot()
        guard let plan = SearchPlan(query, vocabulary: state.vocabulary) else { return nil }
        var ranked = rank(plan, in: state, scanEverySlot: scanEverySlot)
        let page: [Int]
        switch query.order {
        case .relevance:
            page = RankedPackage.page(&ranked, skip: query.skip, take: query.take, state: state)
        case .downloads:
            page = RankedPackage.page(&ranked, skip: query.skip, take: query.take, state: state) { a, b in
                let (pa, pb) = (state.packages[a.slot]!, state.packages[b.slot]!)
                return pa.totalDownloads != pb.totalDownloads ? pa.totalDownloads > pb.totalDownloads : pa.lowerID < pb.lowerID
            }
        case .recentlyPublished:
            // The latest version shown for this query's prerelease/SemVer combination, as the hit's `latest`.
            let combination = plan.combination
            let published = { (slot: Int) -> Date in
                let package = state.packages[slot]!
                return package.texts[package.views[combination]!.text].record.published
            }
            page = RankedPackage.page(&ranked, skip: query.skip, take: query.take, state: state) { a, b in
                let (pa, pb) = (published(a.slot), published(b.slot))
                return pa != pb ? pa > pb : state.packages[a.slot]!.lowerID < state.packages[b.slot]!.lowerID
            }
        }
        return RankedPage(
            state: state, combination: plan.combination, totalHits: ranked.count,
            totalDownloadsOfMatches: ranked.reduce(0) { $0 + $1.downloads }, slots: page)
    }
}

/// One ranked page of a query: what `SearchIndex.search` turns into hits and `searchAnswer` into wire bytes.
struct RankedPage {
    /// The snapshot the page was ranked in (its slots point into it).
    let state: SearchIndexState
    /// The query's filter combination (`SearchQuery.filterCombination`): which latest version and versions a hit shows.
    let combination: Int
    /// Packages matching the query, ignoring `skip`/`take`.
    let totalHits: Int
    let totalDownloadsOfMatches: Int64
    /// The requested page's slots, best first.
    let slots: [Int]
}

extension IndexedPackage {
    /// The package as a hit of a query with this filter combination: the latest version it shows and its versions.
    func hit(combination: Int) -> SearchHit {
        let view = views[combination]!
        let prerelease = combination & 1 != 0, semVer2 = combination & 2 != 0
        return SearchHit(
            latest: texts[view.text].record,
            versions: visibleVersions(prerelease: prerelease, semVer2: semVer2).map {
                SearchHitVersion(version: $0.full, lowerVersion: $0.lowerVersion, downloads: $0.downloads)
            },
            totalDownloads: totalDownloads, owners: owners, verified: verified, advisories: advisories
        )
    }
}

extension SearchIndex {
    /// The packages that pass the plan's filters and match one of its terms (any, when it has none), with their
    /// sort keys: from the postings when they can tell (`termMatches`, `exactIDSlot`), else by testing every slot.
    private func rank(_ plan: SearchPlan, in state: SearchIndexState, scanEverySlot: Bool) -> [RankedPackage] {
        state.withScan { scan in
            var ranker = Ranker(plan: plan, scan: scan, state: state)
            let scratch = termScratches.withLock { $0.popLast() } ?? TermScratch()
            defer {
                scratch.clear()
                termScratches.withLock { if $0.count < 4 { $0.append(scratch) } }
            }
            if !scanEverySlot, state.termMatches(plan, in: scan, into: scratch) {
                ranker.ranked.reserveCapacity(scratch.slots.count)
                if plan.onlyTerms {
                    // Nothing to test: a slot has a level in a combination's postings only when that combination
                    // shows a text (so the row is visible), and no filter or `id:` term applies.
                    for slot in scratch.slots.lazy.map(Int.init) where scratch.matched[slot] > 0 {
                        ranker.ranked.append(RankedPackage(
                            slot: slot, matched: Int(scratch.matched[slot]), levels: Int(scratch.levels[slot]),
                            downloads: scan.rows[slot].downloads))
                    }
                } else {
                    for slot in scratch.slots.lazy.map(Int.init) where scratch.matched[slot] > 0 {
                        ranker.consider(slot, matched: Int(scratch.matched[slot]), levels: Int(scratch.levels[slot]))
                    }
                }
            } else if !scanEverySlot, let exact = state.exactIDSlot(plan) {
                if let exact { ranker.consider(exact) }
            } else {
                ranker.ranked.reserveCapacity(plan.terms.isEmpty ? scan.rows.count : 256)
                for slot in 0..<scan.rows.count { ranker.consider(slot) }
            }
            return ranker.ranked
        }
    }
}

/// Ranks slots one by one against a plan: the body of every search, whichever slots it looks at.
private struct Ranker {
    let plan: SearchPlan
    let scan: SearchScan
    let state: SearchIndexState
    var ranked: [RankedPackage] = []

    @inline(__always)
    mutating func consider(_ slot: Int) {
        let row = scan.rows[slot]
        let textNumber = row.texts[plan.combination]
        guard textNumber >= 0 else { return }
        let text = scan.texts[Int(textNumber)]
        guard plan.accepts(row, text, slot: slot, in: scan, state) else { return }
        var matched = 0, levels = 0
        for term in plan.terms {
            let level = SearchPlan.level(of: term, row, text, in: scan)
            if level > 0 { matched += 1 }
            levels += level
        }
        if !plan.terms.isEmpty, matched == 0 { return }
        for term in plan.idTerms { levels += SearchPlan.level(of: term, row, text, in: scan) }
        ranked.append(RankedPackage(slot: slot, matched: matched, levels: levels, downloads: row.downloads))
    }

    /// `consider`, with the free terms' words matched and levels already known (`SearchIndexState.termMatches`).
    @inline(__always)
    mutating func consider(_ slot: Int, matched: Int, levels: Int) {
        let row = scan.rows[slot]
        let textNumber = row.texts[plan.combination]
        guard textNumber >= 0 else { return }
        let text = scan.texts[Int(textNumber)]
        guard plan.accepts(row, text, slot: slot, in: scan, state) else { return }
        var levels = levels
        for term in plan.idTerms { levels += SearchPlan.level(of: term, row, text, in: scan) }
        ranked.append(RankedPackage(slot: slot, matched: matched, levels: levels, downloads: row.downloads))
    }
}

/// A package that passed the filters, with its sort key.
struct RankedPackage {
    let slot: Int
    let matched: Int
    let levels: Int
    let downloads: Int64

    /// Better first: more words matched, better match levels, more downloads, then id.
    static func precedes(_ a: RankedPackage, _ b: RankedPackage, _ state: SearchIndexState) -> Bool {
        if a.matched != b.matched { return a.matched > b.matched }
        if a.levels != b.levels { return a.levels > b.levels }
        if a.downloads != b.downloads { return a.downloads > b.downloads }
        return state.packages[a.slot]!.lowerID < state.packages[b.slot]!.lowerID
    }

    /// `matched`, `levels` and `downloads` in one integer that orders as `precedes` does before its id tie-break
    /// (8, 16 and 40 bits: nuget.org's most downloaded package is near 2^34), or nil when they do not fit.
    var key: UInt64? {
        guard matched >= 0, matched < 1 << 8, levels >= 0, levels < 1 << 16, downloads >= 0, downloads < 1 << 40 else { return nil }
        return UInt64(matched) << 56 | UInt64(levels) << 40 | UInt64(downloads)
    }

    /// Slots of the requested page. Only the first `skip + take` are ordered: a bounded
    /// selection keeps a 10k-package browse cheaper than a full sort.
    static func page(
        _ ranked: inout [RankedPackage], skip: Int, take: Int, state: SearchIndexState,
        by order: ((RankedPackage, RankedPackage) -> Bool)? = nil
    ) -> [Int] {
        let end = min(ranked.count, skip + take)
        guard skip < end else { return [] }
        if order == nil, let page = KeyedSlot.page(ranked, skip: skip, end: end, state: state) { return page }
        let less = order ?? { (a: RankedPackage, b: RankedPackage) in precedes(a, b, state) }
        if end * 4 < ranked.count {
            // Keep the best `end` in a sorted prefix; most candidates lose against its last element.
            var best = Array(ranked[0..<end]).sorted(by: less)
            for candidate in ranked[end...] where less(candidate, best[end - 1]) {
                var low = 0, high = end - 1
                while low < high {
                    let mid = (low + high) / 2
                    if less(candidate, best[mid]) { high = mid } else { low = mid + 1 }
                }
                best.removeLast()
                best.insert(candidate, at: low)
            }
            return best[skip..<end].map(\.slot)
        }
        ranked.sort(by: less)
        return ranked[skip..<end].map(\.slot)
    }
}

/// A ranked slot with its sort key in one integer (`RankedPackage.key`): relevance pages compare integers and read
/// ids only to break a tie, where `precedes` went through a closure and four fields for every comparison.
struct KeyedSlot {
    let key: UInt64
    let slot: Int

    /// `RankedPackage.precedes`.
    @inline(__always)
    static func precedes(_ a: KeyedSlot, _ b: KeyedSlot, _ state: SearchIndexState) -> Bool {
        a.key != b.key ? a.key > b.key : state.packages[a.slot]!.lowerID < state.packages[b.slot]!.lowerID
    }

    /// `RankedPackage.page` in relevance order (`end` = `min(count, skip + take)` > `skip`), or nil when a package's
    /// sort key does not fit an integer.
    ///
    /// The best `end` are kept in a heap whose root is the worst of them, so a candidate that loses to the root is
    /// dropped after one integer comparison, and one that wins costs `log(end)`: a page far down (`skip` 500) no
    /// longer shifts a sorted prefix of hundreds for every insertion.
    static func page(_ ranked: [RankedPackage], skip: Int, end: Int, state: SearchIndexState) -> [Int]? {
        var heap: [KeyedSlot] = []
        heap.reserveCapacity(end)
        for package in ranked {
            guard let key = package.key else { return nil }
            let candidate = KeyedSlot(key: key, slot: package.slot)
            if heap.count < end {
                heap.append(candidate)
                siftUp(&heap, from: heap.count - 1, state)
            } else if candidate.key >= heap[0].key, precedes(candidate, heap[0], state) {
                heap[0] = candidate
                siftDown(&heap, from: 0, state)
            }
        }
        heap.sort { precedes($0, $1, state) }
        return heap[skip..<end].map(\.slot)
    }

    /// Heap order: a parent never precedes its children (the root is the worst kept).
    private static func siftUp(_ heap: inout [KeyedSlot], from start: Int, _ state: SearchIndexState) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[parent], heap[child], state) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [KeyedSlot], from start: Int, _ state: SearchIndexState) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            guard left < heap.count else { return }
            // The worse child moves up.
            var worse = left
            if right < heap.count, precedes(heap[left], heap[right], state) { worse = right }
            guard precedes(heap[parent], heap[worse], state) else { return }
            heap.swapAt(parent, worse)
            parent = worse
        }
    }
}
