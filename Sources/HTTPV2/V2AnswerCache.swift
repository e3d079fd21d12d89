import Gallery
import Synchronization

/// The restore reads of old clients (`FindPackagesById()?id='…'`, `Packages(Id='…',Version='…')`), kept per id
/// while the id is unchanged.
///
/// Each such answer read its page's records from the metadata store and wrote an Atom entry of 35 properties per
/// version: about 0.7 ms of CPU for an id of 10 versions, against a few microseconds for the V3 flat index a
/// newer client asks instead (bench/search/http.sh, "restore" rows). An answer depends on the request's query
/// string, on the id's versions and listing (every write of the id puts it into the feed view again, moving its
/// `FeedPackage.generation`: push, unlist, relist, deprecation that unlists, delete, a change another node made)
/// and on its download counts (moved by each download flush); the entry is served only while both are what they
/// were when it was made. The feed's own `<updated>` is the time of the request, so a feed is kept as the text
/// before and after that element's value. Bounded in bytes; when full it starts over.
final class V2AnswerCache: Sendable {
    /// A kept answer: `head` + the request's time + `tail` for a feed, `head` alone for an entry.
    struct Answer: Sendable {
        let head: String
        let tail: String?
    }

    private struct Entry {
        let generation: Int
        let downloads: FeedDownloads
        let answer: Answer
        var bytes: Int { answer.head.utf8.count + (answer.tail?.utf8.count ?? 0) }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var hits = 0
    }

    private let capacityBytes: Int
    private let state = Mutex(State())

    /// A cache holding at most `capacityBytes` of answers.
    init(capacityBytes: Int = 16 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// The answer kept under `key` if it was made for this state of the id, else the one `make` returns (kept).
    func answer(
        _ key: String, package: FeedPackage, downloads: FeedDownloads, make: () async throws -> Answer
    ) async rethrows -> Answer {
        let found = state.withLock { state -> Answer? in
            guard let entry = state.entries[key], entry.generation == package.generation, entry.downloads == downloads
            else { return nil }
            state.hits += 1
            return entry.answer
        }
        if let found { return found }
        let entry = Entry(generation: package.generation, downloads: downloads, answer: try await make())
        state.withLock { state in
            // A slower request that read an older state never replaces an answer of a newer one.
            if let old = state.entries[key], old.generation > entry.generation { return }
            if state.bytes + entry.bytes > capacityBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.bytes }
            state.bytes += entry.bytes
        }
        return entry.answer
    }

    /// Answers served from the cache so far (tests).
    var hits: Int { state.withLock { $0.hits } }
}
