extension SearchIndex {
    /// Autocomplete, IDs mode (protocol §5): ids whose whole id or one of whose id tokens
    /// (split on separators and camel case) starts with `q`, ids starting with `q` first, then
    /// by downloads and id. Empty `q` lists every id by downloads. Ids with no listed version
    /// under the filters, or whose latest such version lacks `packageType`, are left out.
    public func autocompleteIDs(
        q: String, skip: Int = 0, take: Int = SearchQuery.defaultTake, prerelease: Bool, semVer2: Bool,
        packageType: String? = nil
    ) -> (totalHits: Int, ids: [String]) {
        let state = snapshot()
        let lower = q.trimmedForSearch().lowercased()
        let prefix = Array(lower.utf8)
        let tokens = state.vocabulary.tokens(withPrefix: lower)
        let combination = SearchQuery.filterCombination(prerelease: prerelease, semVer2: semVer2)
        var type: Int32?
        if let wanted = packageType?.trimmedForSearch().lowercased(), !wanted.isEmpty {
            // A type no package has: nothing matches.
            guard let number = state.vocabulary.number(of: wanted) else { return (0, []) }
            type = number
        }
        var ranked = state.withScan { scan in
            var ranked: [RankedPackage] = []
            for slot in 0..<scan.rows.count {
                let row = scan.rows[slot]
                let textNumber = row.texts[combination]
                guard textNumber >= 0 else { continue }
                let text = scan.texts[Int(textNumber)]
                if let type, !scan.contains(type, .packageTypes, in: text) { continue }
                let level: Int
                if scan.idStarts(row, with: prefix) {
                    level = 2
                } else if scan.matches(tokens, .id, in: text) {
                    level = 1
                } else {
                    continue
                }
                ranked.append(RankedPackage(slot: slot, matched: 1, levels: level, downloads: row.downloads))
            }
            return ranked
        }
        let skip = min(max(skip, 0), SearchQuery.maximumSkip), take = min(max(take, 0), SearchQuery.maximumTake)
        let page = RankedPackage.page(&ranked, skip: skip, take: take, state: state)
        let ids = page.map { slot in
            let package = state.packages[slot]!
            return package.texts[package.views[combination]!.text].record.id
        }
        return (ranked.count, ids)
    }

    /// Autocomplete, versions mode: the listed versions of `id` the filters keep, ascending;
    /// `full(v)` (with `+metadata`) for SemVer 2 requests, else normalized. An unknown id
    /// gives an empty list (answered with 200, protocol §12.6).
    public func autocompleteVersions(id: String, prerelease: Bool, semVer2: Bool) -> [String] {
        guard let package = snapshot().package(lowerID: id.trimmedForSearch().lowercased()) else { return [] }
        return package.visibleVersions(prerelease: prerelease, semVer2: semVer2).map { semVer2 ? $0.full : $0.normalized }
    }
}
