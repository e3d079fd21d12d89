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
///
/// Requests for an answer that is being made at the current generation wait for it instead of making it
/// again: after every write (a download flush every few seconds under restores) the popular queries all
/// miss at once, and 32 connections each ranking and encoding the same query took 32 times the CPU of one.
public final class SearchAnswerCache: Sendable {
    private struct Entry {
        let generation: Int
        let body: Data
    }

    /// An answer being made: the generation it is made at, and the requests waiting for it.
    private struct Flight {
        let generation: Int
        var waiters: [CheckedContinuation<Data?, Never>] = []
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var flights: [String: Flight] = [:]
    }

    private let index: SearchIndex
    private let capacityBytes: Int
    private let state = Mutex(State())

    /// A cache over `index` holding at most `capacityBytes` of answers.
    public init(index: SearchIndex, capacityBytes: Int = 8 << 20) {
        self.index = index
        self.capacityBytes = capacityBytes
    }

    /// The answer for `key` (a canonical form of everything the answer depends on): from the cache when it was
    /// computed at the current generation, else from a request already making it at that generation, else made
    /// by `make` and kept.
    public func answer(_ key: String, make: () async -> Data) async -> Data {
        // Read before computing: `make` sees this generation or a newer one, so an entry is only ever
        // served while the generation it is tagged with is current, i.e. never older than the index.
        let generation = index.generation
        if let hit = state.withLock({ $0.entries[key] }), hit.generation == generation {
            GalleryMetrics.countSearchAnswer(hit: true)
            return hit.body
        }
        // nil: this request makes the answer (it registered the flight, or another generation's is under way).
        let shared: Data? = await withCheckedContinuation { (waiting: CheckedContinuation<Data?, Never>) in
            let decided: Data?? = state.withLock { state in
                if let hit = state.entries[key], hit.generation == generation { return .some(hit.body) }
                if let flight = state.flights[key] {
                    guard flight.generation == generation else { return .some(nil) }
                    state.flights[key]!.waiters.append(waiting)
                    return nil
                }
                state.flights[key] = Flight(generation: generation)
                return .some(nil)
            }
            if let decided { waiting.resume(returning: decided) }
        }
        if let shared {
            GalleryMetrics.countSearchAnswer(hit: true)
            return shared
        }
        GalleryMetrics.countSearchAnswer(hit: false)
        let body = await make()
        let waiters = state.withLock { state -> [CheckedContinuation<Data?, Never>] in
            keep(body, key, generation, in: &state)
            // Only the flight of this generation is this request's; another generation's has its own maker.
            guard state.flights[key]?.generation == generation else { return [] }
            return state.flights.removeValue(forKey: key)?.waiters ?? []
        }
        for waiter in waiters { waiter.resume(returning: body) }
        return body
    }

    /// The answer for `key` for a caller that cannot wait (the event-loop fast path): from the cache when it was
    /// computed at the current generation, else made by `make` right here and kept, as `answer(_:make:)` keeps it;
    /// nil when not cached and `make` declines (the caller leaves it to `answer(_:make:)`). A request already
    /// making it is not waited for (waiting would block the event loop); its result and this one are the same
    /// bytes of the same generation, so whichever is kept last is right.
    public func answerNow(_ key: String, make: () -> Data?) -> Data? {
        let generation = index.generation
        if let hit = state.withLock({ $0.entries[key] }), hit.generation == generation {
            GalleryMetrics.countSearchAnswer(hit: true)
            return hit.body
        }
        guard let body = make() else { return nil }
        GalleryMetrics.countSearchAnswer(hit: false)
        state.withLock { keep(body, key, generation, in: &$0) }
        return body
    }

    /// Keeps `body` as the answer of `key` made at `generation`, within the byte bound (when full it starts over).
    private func keep(_ body: Data, _ key: String, _ generation: Int, in state: inout State) {
        // A slow answer of an older generation never replaces one made after a later write.
        guard (state.entries[key]?.generation ?? .min) <= generation else { return }
        if state.bytes + body.count > capacityBytes {
            state.entries.removeAll(keepingCapacity: true)
            state.bytes = 0
        }
        if let old = state.entries.updateValue(Entry(generation: generation, body: body), forKey: key) {
            state.bytes -= old.body.count
        }
        state.bytes += body.count
    }

    /// Whether the answer of `key` is being made (tests place requests with it).
    func making(_ key: String) -> Bool {
        state.withLock { $0.flights[key] != nil }
    }

    /// Requests waiting for the answer of `key` to be made (tests place them with it).
    func waiting(for key: String) -> Int {
        state.withLock { $0.flights[key]?.waiters.count ?? 0 }
    }
}

extension SearchQuery {
    /// Everything a search answer depends on, normalized (parameter order and spelling do not matter).
    public var cacheKey: String {
        "\(text)\u{0}\(skip)\u{0}\(take)\u{0}\(includePrerelease)\u{0}\(includeSemVer2)\u{0}\(packageType ?? "\u{1}")\u{0}\(order.rawValue)"
    }
}
