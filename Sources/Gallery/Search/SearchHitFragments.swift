import Synchronization

/// Rendered `data[]` entries of search answers, kept per package and filter combination.
///
/// A hit's entry depends only on the package (its latest version, versions, downloads, owners, advisories) and the
/// query's filter combination (which versions show, and the registration hive its URLs point into). Index entries
/// (`IndexedPackage`) are immutable and replaced on every change, downloads included, so an entry kept with the
/// serial of the index entry it was rendered from is current exactly while the index still holds that entry.
/// Rendering the 20 hits of a page was about two thirds of an uncached answer's CPU (bench/search, "distinct
/// queries"); the packages that rank high for one query rank high for many.
///
/// Bounded in bytes by two generations: new entries go into the current one, and when it is full it becomes the
/// previous one and the one before is dropped. An entry found in the previous generation moves into the current
/// one, so what is asked often stays and a full cache never starts from nothing.
final class SearchHitFragments: Sendable {
    private struct Entry {
        /// The serial of the index entry the bytes were rendered from (`IndexedPackage.serial`): never reused, and
        /// unlike a reference it does not keep a replaced entry alive while its bytes are kept.
        let serial: UInt64
        let bytes: [UInt8]
    }

    private struct Generations {
        var current: [Int: Entry] = [:]
        var previous: [Int: Entry] = [:]
        var currentBytes = 0
    }

    /// At most this many bytes of entries are kept (half of it per generation).
    let capacityBytes: Int
    private let generations = Mutex(Generations())

    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    /// The entries of `hits` (slot, filter combination, package), in order: kept ones where the slot still holds the
    /// same package object, the others made by `render` and kept. `found` reports how many were kept ones.
    func entries(
        _ hits: [(slot: Int, package: IndexedPackage)], combination: Int, render: (IndexedPackage) -> [UInt8]
    ) -> (entries: [[UInt8]], found: Int) {
        var entries = [[UInt8]?](repeating: nil, count: hits.count)
        var found = 0
        generations.withLock { kept in
            for (n, hit) in hits.enumerated() {
                let key = Self.key(hit.slot, combination)
                if let entry = kept.current[key], entry.serial == hit.package.serial {
                    entries[n] = entry.bytes
                } else if let entry = kept.previous.removeValue(forKey: key), entry.serial == hit.package.serial {
                    entries[n] = entry.bytes
                    keep(entry, key, in: &kept)
                }
                if entries[n] != nil { found += 1 }
            }
        }
        guard found < hits.count else { return (entries.map { $0! }, found) }
        var made: [(key: Int, entry: Entry)] = []
        for (n, hit) in hits.enumerated() where entries[n] == nil {
            let bytes = render(hit.package)
            entries[n] = bytes
            made.append((Self.key(hit.slot, combination), Entry(serial: hit.package.serial, bytes: bytes)))
        }
        generations.withLock { kept in
            for (key, entry) in made { keep(entry, key, in: &kept) }
        }
        return (entries.map { $0! }, found)
    }

    /// Bytes kept now (tests).
    var keptBytes: Int {
        generations.withLock { kept in
            kept.current.values.reduce(0) { $0 + $1.bytes.count } + kept.previous.values.reduce(0) { $0 + $1.bytes.count }
        }
    }

    private func keep(_ entry: Entry, _ key: Int, in kept: inout Generations) {
        // An entry larger than a generation is not kept (a package with thousands of versions): it would empty both.
        guard entry.bytes.count <= capacityBytes / 2 else { return }
        if kept.currentBytes + entry.bytes.count > capacityBytes / 2 {
            kept.previous = kept.current
            kept.current = [:]
            kept.currentBytes = 0
        }
        if let old = kept.current.updateValue(entry, forKey: key) { kept.currentBytes -= old.bytes.count }
        kept.currentBytes += entry.bytes.count
    }

    private static func key(_ slot: Int, _ combination: Int) -> Int { slot << 2 | combination }
}
