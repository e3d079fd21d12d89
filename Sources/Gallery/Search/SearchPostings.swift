/// Per token, the slots whose texts hold it and how well: a query's words are ranked from these lists instead of
/// testing every slot's tokens.
///
/// A query used to test every slot's tokens (about 0.5 ms at 10k ids, most of an uncached answer). Each entry
/// here is a slot and, for each of the four filter combinations, the level of the token in the text that
/// combination shows (3 id, 2 title or tags, 1 description, summary or authors, 0 absent: the field of its first
/// occurrence, as `SearchScan.level` finds it), so `SearchIndexState.termMatches` computes `SearchPlan.level` of
/// every matching slot from the lists alone. Free words never match package types, which are left out.
/// Kept up to date by `SearchIndexState.put`/`remove`; download counts do not touch it.
struct SearchPostings: Sendable {
    /// Slots above this do not fit an entry; an index that large scans instead.
    static let slotLimit = 1 << 24

    /// By token number: entries `slot << 8 | levels` (bits `2c…2c+1`: the level in combination `c`'s text),
    /// in no order (removal swaps the last one in).
    private var lists: [[UInt32]] = []
    /// Slots whose lower id or id casing is not pure ASCII: `termMatches` ranks them the scan's way.
    private(set) var unicodeIDSlots: [Int32] = []

    /// Lists `slot` under each token with its levels.
    mutating func add(slot: Int, _ entries: [(token: Int32, levels: UInt8)], unicodeID: Bool) {
        guard slot < Self.slotLimit else { return }
        for (token, levels) in entries {
            let n = Int(token)
            if n >= lists.count { lists.append(contentsOf: repeatElement([], count: n + 1 - lists.count)) }
            lists[n].append(UInt32(slot) << 8 | UInt32(levels))
        }
        if unicodeID { unicodeIDSlots.append(Int32(slot)) }
    }

    /// Takes `slot` off the lists of `tokens` (the ones it was added with).
    mutating func remove(slot: Int, tokens: [Int32]) {
        let slot = UInt32(slot)
        for token in tokens where Int(token) < lists.count {
            let t = Int(token)
            guard let n = lists[t].lastIndex(where: { $0 >> 8 == slot }) else { continue }
            lists[t].swapAt(n, lists[t].count - 1)
            lists[t].removeLast()
        }
        if let n = unicodeIDSlots.firstIndex(of: Int32(slot)) { unicodeIDSlots.remove(at: n) }
    }

    /// How many entries `tokens` have in all: what visiting them costs.
    func count(of tokens: [Int32]) -> Int {
        var total = 0
        for token in tokens where Int(token) < lists.count { total += lists[Int(token)].count }
        return total
    }

    /// Calls `body(slot, level)` for every entry of `tokens` whose level in combination `combination` is above 0.
    @inline(__always)
    func forEach(_ tokens: [Int32], combination: Int, _ body: (Int, Int) -> Void) {
        let shift = UInt32(2 * combination)
        for token in tokens where Int(token) < lists.count {
            lists[Int(token)].withUnsafeBufferPointer { list in
                for entry in list {
                    let level = Int((entry >> shift) & 3)
                    if level > 0 { body(Int(entry >> 8), level) }
                }
            }
        }
    }
}
