/// What a query's free terms match, per slot: the words matched and the sum of their levels (`SearchPlan.level`).
struct TermMatches {
    /// The slots with at least one term matched, in no order.
    var slots: [Int32] = []
    /// By slot: terms matched.
    var matched: [Int32]
    /// By slot: the sum of the terms' levels.
    var levels: [Int32]
}

/// The buffers `termMatches` works in, by slot, kept between queries (`SearchIndex` holds a few): a query used to
/// allocate and zero four arrays the size of the index. Between queries every entry is zero and `slots` is empty.
struct TermScratch: Sendable {
    /// By slot: terms matched (the result).
    var matched: [Int32] = []
    /// By slot: the sum of the terms' levels (the result).
    var levels: [Int32] = []
    /// The slots with at least one term matched, in no order (the result).
    var slots: [Int32] = []
    var termLevel: [Int32] = []
    var wordLevel: [Int32] = []
    var termSlots: [Int32] = []

    /// Room for `count` slots.
    mutating func fit(_ count: Int) {
        guard matched.count < count else { return }
        let extra = repeatElement(Int32(0), count: count - matched.count)
        matched.append(contentsOf: extra)
        levels.append(contentsOf: extra)
        termLevel.append(contentsOf: extra)
        wordLevel.append(contentsOf: extra)
    }

    /// Zeroes what the last query wrote, ready for the next.
    mutating func clear() {
        for slot in slots.lazy.map(Int.init) {
            matched[slot] = 0
            levels[slot] = 0
        }
        slots.removeAll(keepingCapacity: true)
    }
}

extension SearchIndexState {
    /// `termMatches(_:in:into:)` in buffers of its own (tests).
    func termMatches(_ plan: SearchPlan, in scan: SearchScan) -> TermMatches? {
        var scratch = TermScratch()
        guard termMatches(plan, in: scan, into: &scratch) else { return nil }
        return TermMatches(slots: scratch.slots, matched: scratch.matched, levels: scratch.levels)
    }

    /// Finds the slots a query's free terms match, with their word counts and levels computed from the postings,
    /// into `scratch` (`slots`, `matched`, `levels`; the caller clears it after reading); false, with nothing
    /// written, when the slots must be scanned instead (no free term, a term without words or with non-ASCII
    /// letters, or words so common that their postings outnumber a scan's worth of work).
    ///
    /// Equal to what `SearchPlan.level` gives on each slot's shown text. A term's level is the weakest of its words'
    /// best levels, each the best of the levels its tokens have in that text (`SearchPostings`), unless the term
    /// starts the lower id (4, or 5 when it is the id). Such a term matches all its words too: an ASCII term
    /// starting an ASCII id has each of its words starting one of the id's parts, which are tokens
    /// (`SearchTokenizer.idTokens`), so only slots where every word matched need the id comparison. Slots with
    /// non-ASCII ids are ranked the scan's way. `SearchCandidateTests` compares both on generated corpora.
    func termMatches(_ plan: SearchPlan, in scan: SearchScan, into scratch: inout TermScratch) -> Bool {
        guard !plan.terms.isEmpty, rows.count < SearchPostings.slotLimit else { return false }
        var cost = 0
        for term in plan.terms {
            guard !term.words.isEmpty, term.lower.allSatisfy({ $0 < 0x80 }) else { return false }
            for word in term.words { cost += postings.count(of: word.members) }
        }
        // Visiting an entry costs far less than testing a slot's tokens; past a few per slot a scan is as cheap.
        guard cost <= 8 * rows.count else { return false }
        let combination = plan.combination
        scratch.fit(rows.count)
        for term in plan.terms {
            scratch.termSlots.removeAll(keepingCapacity: true)
            postings.forEach(term.words[0].members, combination: combination) { slot, level in
                if scratch.termLevel[slot] == 0 { scratch.termSlots.append(Int32(slot)) }
                scratch.termLevel[slot] = max(scratch.termLevel[slot], Int32(level))
            }
            for word in term.words.dropFirst() {
                postings.forEach(word.members, combination: combination) { slot, level in
                    scratch.wordLevel[slot] = max(scratch.wordLevel[slot], Int32(level))
                }
                for slot in scratch.termSlots.lazy.map(Int.init) {
                    scratch.termLevel[slot] = min(scratch.termLevel[slot], scratch.wordLevel[slot])
                }
                postings.forEach(word.members, combination: combination) { slot, _ in scratch.wordLevel[slot] = 0 }
            }
            for slot in scratch.termSlots.lazy.map(Int.init) {
                var level = scratch.termLevel[slot]
                scratch.termLevel[slot] = 0
                guard level > 0 else { continue }
                // Only a term whose every word is an id token's prefix (level 3) can start the id.
                if level == 3, scan.idStarts(rows[slot], with: term.lower) {
                    level = Int(rows[slot].idCount) == term.lower.count ? 5 : 4
                }
                if scratch.matched[slot] == 0 { scratch.slots.append(Int32(slot)) }
                scratch.matched[slot] += 1
                scratch.levels[slot] += level
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
            if matched > 0, scratch.matched[slot] == 0 { scratch.slots.append(Int32(slot)) }
            scratch.matched[slot] = matched
            scratch.levels[slot] = levels
        }
        return true
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
