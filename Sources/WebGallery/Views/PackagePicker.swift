import Gallery
import NIOCore
import Synchronization

/// The API keys pages' "one checkbox per package" list (issue 15's contract) of a set of owning accounts,
/// built and deflated once and then spliced into every view (`SplicedPage`): at 10,000 packages the list is
/// about 1.4 MB of HTML, and building and gzipping it on each view cost most of the page's time.
struct PackagePicker: Sendable {
    /// Where the list goes in the rendered template (an HTML comment no visitor's text can forge: Mustache
    /// escapes `<` in every value).
    static let marker = "<!--pallet:package-picker-->"
    /// Checkboxes per fragment: ticking one package on a key's Edit page builds only its fragment again.
    static let chunkSize = 256

    /// Lower ids ascending (Swift's order), as read from the store when the list was built.
    let lowerIDs: [String]
    /// The ids as shown (the newest version's casing), one per lower id.
    let ids: [String]
    /// The feed generation `ids` were read at.
    let feedGeneration: Int
    /// `chunkSize` list items a fragment, none ticked.
    let chunks: [DeflatedFragment]

    init(lowerIDs: [String], ids: [String], feedGeneration: Int) {
        self.lowerIDs = lowerIDs
        self.ids = ids
        self.feedGeneration = feedGeneration
        chunks = stride(from: 0, to: ids.count, by: Self.chunkSize).map { DeflatedFragment(Self.items(ids, chunkFrom: $0)) }
    }

    private init(_ picker: PackagePicker, feedGeneration: Int) {
        lowerIDs = picker.lowerIDs
        ids = picker.ids
        self.feedGeneration = feedGeneration
        chunks = picker.chunks
    }

    /// The same list, known to be current at a later feed generation.
    func confirmed(at feedGeneration: Int) -> PackagePicker { PackagePicker(self, feedGeneration: feedGeneration) }

    var isEmpty: Bool { ids.isEmpty }

    /// Bytes held (HTML and deflate), for the cache's bound.
    var byteCount: Int { chunks.reduce(0) { $0 + $1.bytes.readableBytes + $1.deflated.readableBytes } + ids.count * 64 }

    /// The list items of one chunk: a checkbox named `PackageIds` per package, labelled with its id, ticked
    /// when its index is in `ticked`.
    static func items(_ ids: [String], chunkFrom start: Int, ticked: Set<Int> = []) -> String {
        var html = ""
        for index in start..<min(start + chunkSize, ids.count) {
            html += PackageCheckModel(id: ids[index], domID: "package-\(index)", checked: ticked.contains(index)).html(name: "PackageIds")
        }
        return html
    }

    /// The fragments with the packages in `selected` (lower ids) ticked: only the chunks that hold one are
    /// built again, so a key that selects a few packages costs a few chunks.
    func fragments(ticking selected: Set<String>) -> [DeflatedFragment] {
        var ticked: [Int: Set<Int>] = [:]
        for lower in selected {
            let index = insertionPoint(lower)
            if index < lowerIDs.count, lowerIDs[index] == lower { ticked[index / Self.chunkSize, default: []].insert(index) }
        }
        guard !ticked.isEmpty else { return chunks }
        var fragments = chunks
        for (chunk, indexes) in ticked {
            fragments[chunk] = DeflatedFragment(Self.items(ids, chunkFrom: chunk * Self.chunkSize, ticked: indexes))
        }
        return fragments
    }

    private func insertionPoint(_ lower: String) -> Int {
        var low = 0, high = lowerIDs.count
        while low < high {
            let mid = (low + high) / 2
            if lowerIDs[mid] < lower { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Pickers by set of owning accounts, per node. An entry is used only while it was built from exactly the ids
/// the accounts own now (`OwnedIDsCache`: the very arrays while the feed has not changed, so the check costs
/// nothing; after a change, compared id by id) and they still show the same way in the feed, so a push of a new
/// id, a new or removed owner, a transferred or deleted package shows at once. Bounded by bytes; the least
/// recently used entry goes first.
final class PackagePickerCache: Sendable {
    private struct Entry {
        let picker: PackagePicker
        /// Each owning account's ids the picker was built from.
        let sources: [[String]]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var bytes = 0
        var builds = 0
        var hits = 0
    }

    private let state = Mutex(State())
    let byteLimit: Int

    init(byteLimit: Int = 64 << 20) {
        self.byteLimit = byteLimit
    }

    /// Lists built, and views answered from a cached one (for tests and the bench's reading).
    var counts: (builds: Int, hits: Int) { state.withLock { ($0.builds, $0.hits) } }

    /// The picker of the accounts `owners` whose packages are now `owned` (one ascending list per account, in
    /// the order of `owners`).
    func picker(owners: [Int64], owned: [[String]], snapshot: FeedSnapshot) -> PackagePicker {
        let key = owners.map(String.init).joined(separator: ",")
        if let cached = state.withLock({ $0.entries[key] }), cached.sources == owned {
            if cached.picker.feedGeneration == snapshot.generation { return hit(key, cached.picker, owned) }
            // The feed changed since: the ids are the same, but a new version may show one in another casing.
            if cached.picker.ids == Self.shown(cached.picker.lowerIDs, snapshot) {
                return hit(key, cached.picker.confirmed(at: snapshot.generation), owned)
            }
        }
        // Built outside the lock: two concurrent misses both build, which is harmless.
        let lowerIDs = owned.count == 1 ? owned[0] : Array(Set(owned.joined())).sorted()
        let picker = PackagePicker(lowerIDs: lowerIDs, ids: Self.shown(lowerIDs, snapshot), feedGeneration: snapshot.generation)
        state.withLock { state in
            state.builds += 1
            store(key, Entry(picker: picker, sources: owned, lastUse: 0), in: &state)
        }
        return picker
    }

    /// The ids as the feed shows them (the newest version's casing).
    private static func shown(_ lowerIDs: [String], _ snapshot: FeedSnapshot) -> [String] {
        lowerIDs.map { snapshot.packages[$0]?.versions.last?.id ?? $0 }
    }

    private func hit(_ key: String, _ picker: PackagePicker, _ owned: [[String]]) -> PackagePicker {
        state.withLock { state in
            state.hits += 1
            store(key, Entry(picker: picker, sources: owned, lastUse: 0), in: &state)
        }
        return picker
    }

    private func store(_ key: String, _ entry: Entry, in state: inout State) {
        state.clock += 1
        var entry = entry
        entry.lastUse = state.clock
        if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.picker.byteCount }
        state.bytes += entry.picker.byteCount
        while state.bytes > byteLimit, state.entries.count > 1,
              let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            state.bytes -= oldest.value.picker.byteCount
            state.entries[oldest.key] = nil
        }
    }
}
