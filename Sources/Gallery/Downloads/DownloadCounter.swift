public import Logging
import Foundation
import Synchronization

/// Counts downloads in memory and flushes them to the store in batches.
///
/// A database write per download is BaGet's known slowdown; here a download costs a dictionary
/// increment under a lock, and `flush()` runs every few seconds (and at shutdown).
public final class DownloadCounter: Sendable {
    private let pending = Mutex<[PackageVersionKey: Int64]>([:])
    /// One flush at a time: a caller's `flush()` (shutdown, a test) then returns only after a flush already
    /// in flight has also reached the store, so every count recorded before the call is saved when it returns.
    private let flushes = KeyedSerializer()
    let store: any PackageVersionStore & DownloadHistoryStore
    let search: SearchIndex
    let clock: any GalleryClock
    let logger: Logger

    /// Creates a counter that flushes into `store` (totals and the day's history) and the search index.
    public init(store: any PackageVersionStore & DownloadHistoryStore, search: SearchIndex, clock: any GalleryClock = SystemClock(), logger: Logger) {
        self.store = store
        self.search = search
        self.clock = clock
        self.logger = logger
    }

    /// Counts one download of a version.
    public func record(_ key: PackageVersionKey) {
        pending.withLock { $0[key, default: 0] += 1 }
        GalleryMetrics.countDownload()
    }

    /// Writes the buffered counts; on failure they are put back for the next flush.
    public func flush() async {
        try? await flushes.run("flush") { [self] in
            let batch = pending.withLock { counts in
                defer { counts.removeAll(keepingCapacity: true) }
                return counts
            }
            guard !batch.isEmpty else { return }
            do {
                // A batch lands on the day of its flush: at most one flush interval late at midnight.
                let day = DailyDownloads.day(of: clock.now().timeIntervalSince1970)
                try await store.addDownloads(batch, onDay: day)
                search.addDownloads(batch)
            } catch {
                pending.withLock { counts in counts.merge(batch, uniquingKeysWith: +) }
                logger.warning("download counts not saved yet", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Flushes every `interval` until the task is cancelled, then once more.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await flush()
        }
        await flush()
    }
}
