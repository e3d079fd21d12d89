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
///
/// Raw memory rather than arrays: the innermost loops of a query write these once per posting entry, and an
/// array inside a mutated struct is checked for uniqueness and bounds on every write. `@unchecked Sendable`: one
/// query at a time owns a scratch (it is taken out of the pool and put back).
final class TermScratch: @unchecked Sendable {
    /// By slot: terms matched (the result).
    private(set) var matched = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// By slot: the sum of the terms' levels (the result).
    private(set) var levels = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// The slots with at least one term matched, in no order (the result).
    var slots: [Int32] = []
    private(set) var termLevel = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private(set) var wordLevel = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    var termSlots: [Int32] = []

    init() {}

    deinit {
        for buffer in [matched, levels, termLevel, wordLevel] { buffer.deallocate() }
    }

    /// Room for `count` slots, all zero.
    func fit(_ count: Int) {
        guard matched.count < count else { return }
        // Grown with room to spare: the index grows one id at a time.
        let capacity = count + count / 4 + 64
        func grown(_ old: UnsafeMutableBufferPointer<Int32>) -> UnsafeMutableBufferPointer<Int32> {
            let new = UnsafeMutableBufferPointer<Int32>.allocate(capacity: capacity)
            new.initialize(repeating: 0)
            // Entries are zero between queries, so the old contents need not be copied.
            old.deallocate()
            return new
        }
        matched = grown(matched)
        levels = grown(levels)
        termLevel = grown(termLevel)
        wordLevel = grown(wordLevel)
    }

    /// Zeroes what the last query wrote, ready for the next.
    func clear() {
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
        let scratch = TermScratch()
        guard termMatches(plan, in: scan, into: scratch) else { return nil }
        return TermMatches(slots: scratch.slots, matched: Array(scratch.matched.prefix(rows.count)), levels: Array(scratch.levels.prefix(rows.count)))
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
    func termMatches(_ plan: SearchPlan, in scan: SearchScan, into scratch: TermScratch) -> Bool {
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
        let termLevel = scratch.termLevel, wordLevel = scratch.wordLevel
        let matched = scratch.matched, levels = scratch.levels
        // Taken out of the scratch while appended to, so the appends never copy them.
        var termSlots = scratch.termSlots, slots = scratch.slots
        scratch.termSlots = []
        scratch.slots = []
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
                for slot in termSlots.lazy.map(Int.init) { termLevel[slot] = min(termLevel[slot], wordLevel[slot]) }
                postings.forEach(word.members, combination: combination) { slot, _ in wordLevel[slot] = 0 }
            }
            for slot in termSlots.lazy.map(Int.init) {
                var level = termLevel[slot]
                termLevel[slot] = 0
                guard level > 0 else { continue }
                // Only a term whose every word is an id token's prefix (level 3) can start the id.
                if level == 3, scan.idStarts(rows[slot], with: term.lower) {
                    level = Int(rows[slot].idCount) == term.lower.count ? 5 : 4
                }
                if matched[slot] == 0 { slots.append(Int32(slot)) }
                matched[slot] += 1
                levels[slot] += level
            }
        }
        scratch.termSlots = termSlots
        for slot in postings.unicodeIDSlots.lazy.map(Int.init) {
            let textNumber = rows[slot].texts[combination]
            guard textNumber >= 0 else { continue }
            let text = scan.texts[Int(textNumber)]
            var termsMatched: Int32 = 0, termLevels: Int32 = 0
            for term in plan.terms {
                let level = SearchPlan.level(of: term, rows[slot], text, in: scan)
                if level > 0 { termsMatched += 1 }
                termLevels += Int32(level)
            }
            if termsMatched > 0, matched[slot] == 0 { slots.append(Int32(slot)) }
            matched[slot] = termsMatched
            levels[slot] = termLevels
        }
        scratch.slots = slots
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
