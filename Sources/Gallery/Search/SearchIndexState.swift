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
    /// Bumped by every change, downloads included: answers computed at one generation hold until the next.
    var generation = 0

    mutating func put(_ package: IndexedPackage) {
        let slot: Int
        if let existing = slotByLowerID[package.lowerID] {
            slot = existing
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
        compactIfNeeded()
    }

    mutating func remove(lowerID: String) {
        guard let slot = slotByLowerID.removeValue(forKey: lowerID) else { return }
        generation += 1
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
