public import Foundation
import Synchronization

/// Encoded search and autocomplete answers, reused while the index has not changed.
///
/// Ranking a query is about 0.8 ms of CPU at 10k packages and encoding its JSON as much again
/// (bench/search), so 32 connections asking the popular queries queue behind each other. An answer
/// depends only on the parsed query and the index's state, so it is kept under the index generation
/// it was computed at and served only while that is still the current generation: any write (push,
/// unlist, delete, download flush, re-index from another node) makes every entry stale. Bounded in
/// bytes; when full it starts over (popular queries come back at once).
public final class SearchAnswerCache: Sendable {
    private struct Entry {
        let generation: Int
        let body: Data
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let index: SearchIndex
    private let capacityBytes: Int
    private let state = Mutex(State())

    /// A cache over `index` holding at most `capacityBytes` of answers.
    public init(index: SearchIndex, capacityBytes: Int = 8 << 20) {
        self.index = index
        self.capacityBytes = capacityBytes
    }

    /// The answer for `key` (a canonical form of everything the answer depends on), from the cache when
    /// it was computed at the current generation, else made by `make` and kept.
    public func answer(_ key: String, make: () -> Data) -> Data {
        // Read before computing: `make` sees this generation or a newer one, so an entry is only ever
        // served while the generation it is tagged with is current, i.e. never older than the index.
        let generation = index.generation
        if let hit = state.withLock({ $0.entries[key] }), hit.generation == generation { return hit.body }
        let body = make()
        state.withLock { state in
            if state.bytes + body.count > capacityBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if let old = state.entries.updateValue(Entry(generation: generation, body: body), forKey: key) {
                state.bytes -= old.body.count
            }
            state.bytes += body.count
        }
        return body
    }
}

extension SearchQuery {
    /// Everything a search answer depends on, normalized (parameter order and spelling do not matter).
    public var cacheKey: String {
        "\(text)\u{0}\(skip)\u{0}\(take)\u{0}\(includePrerelease)\u{0}\(includeSemVer2)\u{0}\(packageType ?? "\u{1}")\u{0}\(order.rawValue)"
    }
}
