/// Brings this node's memory (document cache, search index, V2 feed, catalog pages) up to date with
/// writes other processes made: other `pallet serve` nodes on a shared database, and the admin CLI.
///
/// Every write marks its id dirty in the same transaction and every render clears the mark; both stamp
/// the mark with the database's clock (`touched`). Polling marks touched since the last poll, minus a
/// look-back that covers transactions which committed later than their stamp, tells a node which ids
/// changed. Polling rather than LISTEN/NOTIFY: it works the same on SQLite and PostgreSQL, a missed
/// notification (a dropped connection) cannot lose a change, and one indexed query per second is cheap.
///
/// An id rendered elsewhere is reloaded: its cached documents are dropped (the next read fetches the new
/// bytes from the shared blob store) and search is rebuilt from the store. An id still dirty after
/// `renderGrace` (the admin CLI does not render; a node may have died mid-render) is rendered here, by
/// whichever node takes its render lease first.
public actor ChangeFollower {
    private let store: any MetadataStore
    private let documents: DocumentPublisher
    private let catalog: CatalogPublisher
    private let changes: ChangeRecorder
    /// Newest database time seen; nil before the first poll.
    private var watermark: Int64?
    /// What was applied per id within the look-back window (generation, rendered generation).
    private var applied: [String: Applied] = [:]
    /// Whether a poll is running, and the polls waiting for it to end (first in, first out).
    private var polling = false
    private var waitingPolls: [CheckedContinuation<Void, Never>] = []

    private struct Applied: Equatable {
        let generation: Int64
        let renderedGeneration: Int64
    }

    /// How far back each poll looks again (µs): longer than any write transaction lasts.
    static let lookBack: Int64 = 30_000_000
    /// How long a dirty id is left to the node that marked it before this one renders it (µs): 0 when
    /// this is the only serving process (the admin CLI never renders), a couple of seconds with several nodes.
    let renderGrace: Int64
    /// How long a render lease lasts; a node that dies mid-render delays the id by at most this.
    static let renderLeaseSeconds = 30

    init(
        store: any MetadataStore, documents: DocumentPublisher, catalog: CatalogPublisher, changes: ChangeRecorder,
        renderGrace: Duration
    ) {
        self.renderGrace = renderGrace.components.seconds * 1_000_000 + renderGrace.components.attoseconds / 1_000_000_000_000
        self.store = store
        self.documents = documents
        self.catalog = catalog
        self.changes = changes
    }

    /// Starts following from the database's current time (the gallery has just loaded everything).
    func begin() async throws {
        watermark = try await store.renderMarks(touchedAfter: Int64.max).now
    }

    /// One poll: applies what changed elsewhere; returns how many ids were reloaded or rendered here.
    ///
    /// Polls run one at a time: the background job's and an explicit one (a test, an admin action) wait for
    /// each other, so when `poll()` returns, every render this node's follower had started has finished.
    /// (An actor alone would interleave two polls at each `await`, both working on the watermark and the
    /// applied marks, and a caller could return while the other poll still wrote an id's documents.)
    @discardableResult
    public func poll() async throws -> Int {
        if polling {
            await withCheckedContinuation { waitingPolls.append($0) }
        } else {
            polling = true
        }
        defer {
            // Hand the turn to the next waiting poll, or end the turn.
            if waitingPolls.isEmpty { polling = false } else { waitingPolls.removeFirst().resume() }
        }
        return try await pollOnce()
    }

    private func pollOnce() async throws -> Int {
        let since = (watermark ?? 0) - Self.lookBack
        let result: RenderMarks
        do {
            result = try await store.renderMarks(touchedAfter: since)
        } catch {
            GalleryMetrics.countFollowerError()
            throw error
        }
        var changed = 0
        var seen: [String: Applied] = [:]
        for mark in result.marks {
            let state = Applied(generation: mark.generation, renderedGeneration: mark.renderedGeneration)
            seen[mark.lowerID] = state
            guard applied[mark.lowerID] != state else { continue }
            if mark.isRendered {
                if documents.generationRenderedHere(mark.lowerID) != mark.generation {
                    documents.forget(lowerID: mark.lowerID)
                    try await changes.reindex(lowerID: mark.lowerID, records: try await store.versions(ofLowerID: mark.lowerID))
                    changed += 1
                    GalleryMetrics.recordFollowerLag(seconds: Double(result.now - mark.touched) / 1_000_000)
                }
                applied[mark.lowerID] = state
            } else if mark.touched <= result.now - renderGrace {
                guard try await store.claimRender(mark.lowerID, leaseSeconds: Self.renderLeaseSeconds) else { continue }
                let records = try await documents.refresh(lowerID: mark.lowerID)
                try await changes.reindex(lowerID: mark.lowerID, records: records)
                changed += 1
                GalleryMetrics.recordFollowerLag(seconds: Double(result.now - mark.touched) / 1_000_000)
            }
        }
        // Forget ids that left the window: memory stays bounded by the ids changed in the last look-back.
        applied = applied.filter { seen[$0.key] != nil }
        watermark = max(watermark ?? 0, result.now)
        if changed > 0 { try await catalog.refresh() }
        return changed
    }
}
