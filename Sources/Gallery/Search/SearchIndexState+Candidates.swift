/// What a query's free terms match, per slot: the words matched and the sum of their levels (`SearchPlan.level`).
struct TermMatches {
    /// The slots with at least one term matched, in no order.
    var slots: [Int32] = []
    /// By slot: terms matched.
    var matched: [Int32]
    /// By slot: the sum of the terms' levels.
    var levels: [Int32]
}

extension SearchIndexState {
    /// The slots a query's free terms match, with their word counts and levels computed from the postings; nil
    /// when the slots must be scanned instead (no free term, a term without words or with non-ASCII letters, or
    /// words so common that their postings outnumber a scan's worth of work).
    ///
    /// Equal to what `SearchPlan.level` gives on each slot's shown text. A term's level is the weakest of its words'
    /// best levels, each the best of the levels its tokens have in that text (`SearchPostings`), unless the term
    /// starts the lower id (4, or 5 when it is the id). Such a term matches all its words too: an ASCII term
    /// starting an ASCII id has each of its words starting one of the id's parts, which are tokens
    /// (`SearchTokenizer.idTokens`), so only slots where every word matched need the id comparison. Slots with
    /// non-ASCII ids are ranked the scan's way. `SearchCandidateTests` compares both on generated corpora.
    func termMatches(_ plan: SearchPlan, in scan: SearchScan) -> TermMatches? {
        guard !plan.terms.isEmpty, rows.count < SearchPostings.slotLimit else { return nil }
        var cost = 0
        for term in plan.terms {
            guard !term.words.isEmpty, term.lower.allSatisfy({ $0 < 0x80 }) else { return nil }
            for word in term.words { cost += postings.count(of: word.members) }
        }
        // Visiting an entry costs far less than testing a slot's tokens; past a few per slot a scan is as cheap.
        guard cost <= 8 * rows.count else { return nil }
        let combination = plan.combination
        var matches = TermMatches(
            matched: Array(repeating: 0, count: rows.count), levels: Array(repeating: 0, count: rows.count))
        var termLevel = [Int32](repeating: 0, count: rows.count), wordLevel = [Int32](repeating: 0, count: rows.count)
        var termSlots: [Int32] = []
        for term in plan.terms {
            termSlots.removeAll(keepingCapacity: true)
            postings.forEach(term.words[0].members, combination: combination) { slot, level in
                if termLevel[slot] == 0 { termSlots.append(Int32(slot)) }
                termLevel[slot] = max(termLevel[slot], Int32(level))
            }
            for word in term.words.dropFirst() {
                postings.forEach(word.members, combination: combination) { slot, level in
                    wordLevel[slot] = max(wordLevel[slot], Int32(level))
                }
                for slot in termSlots { termLevel[Int(slot)] = min(termLevel[Int(slot)], wordLevel[Int(slot)]) }
                postings.forEach(word.members, combination: combination) { slot, _ in wordLevel[slot] = 0 }
            }
            for slot in termSlots.lazy.map(Int.init) {
                var level = termLevel[slot]
                termLevel[slot] = 0
                guard level > 0 else { continue }
                if scan.idStarts(rows[slot], with: term.lower) { level = Int(rows[slot].idCount) == term.lower.count ? 5 : 4 }
                if matches.matched[slot] == 0 { matches.slots.append(Int32(slot)) }
                matches.matched[slot] += 1
                matches.levels[slot] += level
            }
        }
        for slot in postings.unicodeIDSlots.lazy.map(Int.init) {
            let textNumber = rows[slot].texts[combination]
            guard textNumber >= 0 else { continue }
            let text = scan.texts[Int(textNumber)]
            var matched: Int32 = 0, levels: Int32 = 0
            for term in plan.terms {
                let level = SearchPlan.level(of: term, rows[slot], text, in: scan)
                if level > 0 { matched += 1 }
                levels += Int32(level)
            }
            if matched > 0, matches.matched[slot] == 0 { matches.slots.append(Int32(slot)) }
            matches.matched[slot] = matched
            matches.levels[slot] = levels
        }
        return matches
    }

    /// The only slot a `packageid:` filter without free words can match (none when no id is equal), or nil when
    /// the query has free words or no such filter.
    func exactIDSlot(_ plan: SearchPlan) -> Int?? {
        guard plan.terms.isEmpty, let exact = plan.exactLowerIDs.first else { return nil }
        // String equality is canonical equivalence, so this finds every slot whose bytes are equal (and maybe more,
        // which the filter's byte comparison then drops).
        return .some(slotByLowerID[String(decoding: exact, as: UTF8.self)])
    }
}
