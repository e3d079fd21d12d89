/// The index's data: packages in slots (stable positions, reused after removal), the flat
/// rows the scan reads, and the vocabulary.
struct SearchIndexState: Sendable {
    /// Per slot: display data, versions, owners (read for hits and rare filters).
    var packages: [IndexedPackage?] = []
    /// Per slot: what every query reads.
    var rows: [ScanRow] = []
    var slotByLowerID: [String: Int] = [:]
    var freeSlots: [Int] = []
    var vocabulary = SearchVocabulary()
    var pool = TokenPool()
    /// Per token, the slots holding it (a query's candidates).
    var postings = SearchPostings()
    /// Bumped by every change, downloads included: answers computed at one generation hold until the next.
    var generation = 0

    mutating func put(_ package: IndexedPackage) {
        let slot: Int
        if let existing = slotByLowerID[package.lowerID] {
            slot = existing
            postings.remove(slot: slot, tokens: wordTokenLevels(of: rows[slot]).map(\.token))
            release(slot)
        } else if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = packages.count
            packages.append(nil)
            rows.append(.empty)
        }
        generation += 1
        slotByLowerID[package.lowerID] = slot
        packages[slot] = package
        rows[slot] = row(for: package)
        postings.add(slot: slot, wordTokenLevels(of: rows[slot]), unicodeID: !package.hasASCIIID)
        compactIfNeeded()
    }

    mutating func remove(lowerID: String) {
        guard let slot = slotByLowerID.removeValue(forKey: lowerID) else { return }
        generation += 1
        postings.remove(slot: slot, tokens: wordTokenLevels(of: rows[slot]).map(\.token))
        release(slot)
        packages[slot] = nil
        rows[slot] = .empty
        freeSlots.append(slot)
    }

    /// Replaces a package whose downloads changed (its texts are unchanged).
    mutating func replaceDownloads(_ package: IndexedPackage, slot: Int) {
        generation += 1
        packages[slot] = package
        rows[slot].downloads = package.totalDownloads
    }

    func package(lowerID: String) -> IndexedPackage? {
        slotByLowerID[lowerID].flatMap { packages[$0] }
    }

    private mutating func row(for package: IndexedPackage) -> ScanRow {
        let textRows = package.texts.map { pool.add($0) }
        let id = pool.add(lowerID: package.lowerID)
        var texts = SIMD4<Int32>(repeating: -1)
        for (combination, view) in package.views.enumerated() {
            if let view { texts[combination] = textRows[view.text] }
        }
        return ScanRow(texts: texts, idStart: id.start, idCount: id.count, downloads: package.totalDownloads)
    }

    /// The distinct tokens free words can match in a row's texts (every filter combination's), ascending, each with
    /// its level in each combination's text (bits `2c…2c+1`; see `SearchPostings`).
    private func wordTokenLevels(of row: ScanRow) -> [(token: Int32, levels: UInt8)] {
        var found: [(token: Int32, levels: UInt8)] = []
        for combination in 0..<4 where row.texts[combination] >= 0 {
            let text = pool.texts[Int(row.texts[combination])]
            let idEnd = text.range(.id).upperBound, tagsEnd = text.range(.tags).upperBound
            for n in text.wordRange {
                // Fields are in ranking order, so the first occurrence of a token is its best.
                let level: UInt8 = n < idEnd ? 3 : n < tagsEnd ? 2 : 1
                found.append((pool.tokens[n], level << UInt8(2 * combination)))
            }
        }
        found.sort { $0.token < $1.token }
        var merged: [(token: Int32, levels: UInt8)] = []
        merged.reserveCapacity(found.count)
        for (token, levels) in found {
            guard let last = merged.last, last.token == token else {
                merged.append((token, levels))
                continue
            }
            // Keep the best level per combination (two bits each).
            var combined: UInt8 = 0
            for combination in 0..<4 {
                let shift = UInt8(2 * combination)
                combined |= max((last.levels >> shift) & 3, (levels >> shift) & 3) << shift
            }
            merged[merged.count - 1].levels = combined
        }
        return merged
    }

    private mutating func release(_ slot: Int) {
        var released = Set<Int32>()
        for combination in 0..<4 where rows[slot].texts[combination] >= 0 {
            if released.insert(rows[slot].texts[combination]).inserted { pool.release(rows[slot].texts[combination]) }
        }
    }

    /// Rebuilds the pool from the live packages when garbage dominates, so a long-running
    /// node's memory tracks what is published, not how often it changed.
    private mutating func compactIfNeeded() {
        guard pool.needsCompaction else { return }
        pool = TokenPool()
        for slot in packages.indices {
            if let package = packages[slot] { rows[slot] = row(for: package) }
        }
    }
}
